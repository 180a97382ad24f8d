#!/usr/bin/env bash
# The bare credential-report fetch with the AWS CLI, the floor any credential-report tool pays: generate until
# COMPLETE, get, base64-decode. Prints the report's row count. Usage: aws-cli-report-fetch.sh URL
set -euo pipefail
url="$1"
until [ "$(aws --endpoint-url "$url" iam generate-credential-report --query State --output text)" = "COMPLETE" ]; do sleep 0.25; done
aws --endpoint-url "$url" iam get-credential-report --query Content --output text | base64 -d | wc -l
