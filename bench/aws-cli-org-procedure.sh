#!/usr/bin/env bash
# The credential-report audit of an organization as the AWS CLI does it in the shell loop Prowler's documentation
# shows for many accounts: for each member account, one after another, assume its role, generate the credential
# report, poll get-credential-report until it is ready, decode it. Prints "<account> <rows>" per account.
# Usage: aws-cli-org-procedure.sh ENDPOINT ACCOUNT_ID...   (uses the caller's AWS_* credentials as the hub)
set -euo pipefail
url="$1"; shift
for account in "$@"; do
  read -r key secret token < <(aws sts assume-role --endpoint-url "$url" --role-arn "arn:aws:iam::$account:role/OrganizationAccountAccessRole" \
    --role-session-name bench --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text)
  (
    export AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$token"
    aws iam generate-credential-report --endpoint-url "$url" >/dev/null
    until content="$(aws iam get-credential-report --endpoint-url "$url" --query Content --output text 2>/dev/null)"; do sleep 1; done
    echo "$account $(echo "$content" | base64 -d | wc -l)"
  )
done
