#!/usr/bin/env bash
# The seed's own procedure with the AWS CLI: list the users, then list-access-keys for each user and count
# the Active keys. Prints the users with more than one active key. Usage: aws-cli-procedure.sh URL [LIMIT]
set -euo pipefail
url="$1"; limit="${2:-0}"
users="$(aws --endpoint-url "$url" iam list-users --query 'Users[].UserName' --output text | tr '\t' '\n')"
[ "$limit" -gt 0 ] && users="$(printf '%s\n' "$users" | head -n "$limit")"
for user in $users; do
  active="$(aws --endpoint-url "$url" iam list-access-keys --user-name "$user" --query "length(AccessKeyMetadata[?Status=='Active'])" --output text)"
  [ "$active" -gt 1 ] && echo "$user"
done
exit 0
