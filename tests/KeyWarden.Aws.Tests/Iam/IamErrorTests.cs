using System.Net;
using Amazon.Runtime;
using KeyWarden.Aws.Iam;
using KeyWarden.Aws.Iam.Model;

namespace KeyWarden.Aws.Tests.Iam;

/// <summary>Error responses (AWS-documented and moto's shapes) → the exception type of their code.</summary>
public sealed class IamErrorTests
{
    private static async Task<Exception> Fail(int status, string body)
    {
        using var server = new StubAwsServer().Respond(status, body);
        using var client = server.CreateIamClient();
        return await Assert.ThrowsAnyAsync<Exception>(() => client.ListAccessKeysAsync(new ListAccessKeysRequest { UserName = "u" }));
    }

    public static TheoryData<string, int, Type> Codes => new()
    {
        { "NoSuchEntity", 404, typeof(NoSuchEntityException) },
        { "Throttling", 400, typeof(ThrottlingException) },
        { "LimitExceeded", 409, typeof(LimitExceededException) },
        { "ServiceFailure", 500, typeof(ServiceFailureException) },
        { "AccessDenied", 403, typeof(AccessDeniedException) },
        { "ReportNotPresent", 410, typeof(ReportNotPresentException) },
        { "ReportExpired", 410, typeof(ReportExpiredException) },
        { "ReportInProgress", 404, typeof(ReportInProgressException) },
        { "InvalidClientTokenId", 403, typeof(InvalidClientTokenIdException) },
        { "ExpiredToken", 403, typeof(ExpiredTokenException) },
        { "SignatureDoesNotMatch", 403, typeof(SignatureDoesNotMatchException) },
        { "InvalidInput", 400, typeof(InvalidInputException) },
        { "ValidationError", 400, typeof(InvalidInputException) },
        { "SomethingNew", 400, typeof(AmazonIdentityManagementServiceException) },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Documented_error_with_namespace_maps_code_to_type(string code, int status, Type expected)
    {
        var body = $"""
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <Error><Type>Sender</Type><Code>{code}</Code><Message>message for {code}</Message></Error>
              <RequestId>req-{code}</RequestId>
            </ErrorResponse>
            """;

        var ex = await Fail(status, body);

        Assert.IsType(expected, ex);
        var service = Assert.IsAssignableFrom<AmazonIdentityManagementServiceException>(ex);
        Assert.Equal(code, service.ErrorCode);
        Assert.Equal($"message for {code}", service.Message);
        Assert.Equal($"req-{code}", service.RequestId);
        Assert.Equal((HttpStatusCode)status, service.StatusCode);
        Assert.Equal(ErrorType.Sender, service.ErrorType);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task Moto_error_without_namespace_with_cdata_message_and_request_id_inside_error(string code, int status, Type expected)
    {
        var body = $"<ErrorResponse><Error><Code>{code}</Code><Message><![CDATA[cdata <message> for {code}]]></Message><RequestId>moto-req</RequestId></Error></ErrorResponse>";

        var ex = await Fail(status, body);

        Assert.IsType(expected, ex);
        var service = (AmazonServiceException)ex;
        Assert.Equal($"cdata <message> for {code}", service.Message);
        Assert.Equal("moto-req", service.RequestId);
        Assert.Equal(ErrorType.Unknown, service.ErrorType);
    }

    [Fact]
    public async Task Moto_limit_exceeded_in_errors_wrapper_as_http_400()
    {
        var body = "<ErrorResponse><Errors><Error><Type>Sender</Type><Code>LimitExceeded</Code><Message><![CDATA[Cannot exceed quota for AccessKeysPerUser: 2]]></Message></Error></Errors><RequestId>x1</RequestId></ErrorResponse>";

        var ex = Assert.IsType<LimitExceededException>(await Fail(400, body));

        Assert.Equal("Cannot exceed quota for AccessKeysPerUser: 2", ex.Message);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal("x1", ex.RequestId);
    }

    [Fact]
    public async Task Moto_report_not_present_in_errors_wrapper()
    {
        var body = "<ErrorResponse><Errors><Error><Code>ReportNotPresent</Code><Message><![CDATA[Credential report not present]]></Message></Error></Errors></ErrorResponse>";
        var ex = Assert.IsType<ReportNotPresentException>(await Fail(410, body));
        Assert.Equal("Credential report not present", ex.Message);
    }

    [Fact]
    public async Task Error_without_message_gets_a_message_naming_the_code()
    {
        var ex = Assert.IsType<AccessDeniedException>(await Fail(403, "<ErrorResponse><Error><Code>AccessDenied</Code></Error></ErrorResponse>"));
        Assert.Equal("IAM returned error AccessDenied (HTTP 403)", ex.Message);
    }

    [Fact]
    public async Task Non_xml_error_body_keeps_status_and_an_excerpt()
    {
        var ex = Assert.IsType<AmazonIdentityManagementServiceException>(await Fail(502, "<html>\n<body>Bad   gateway</body>"));
        Assert.Null(ex.ErrorCode);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Equal("IAM returned HTTP 502: <html> <body>Bad gateway</body>", ex.Message);
    }
}
