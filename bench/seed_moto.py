#!/usr/bin/env python3
"""Seeds a moto IAM endpoint with N users for the live-audit benchmark.

15 % of users get two active keys (a third of those with the second key used, a third with the first key
used, the rest never used), 55 % one active key, 10 % one active and one inactive key, the rest none.
Key use is recorded by moto when a request is signed with the key, so "used" keys sign one STS call.
Prints the number of users with two active keys (the violators). Deterministic for a given N and seed.
"""
import random
import sys

import boto3

def main() -> None:
    url, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    session = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIABENCHSEED0000000",
                   aws_secret_access_key="bench-seed-secret")
    iam = boto3.client("iam", **session)
    violators = 0

    def use(key):
        boto3.client("sts", endpoint_url=url, region_name="us-east-1", aws_access_key_id=key["AccessKeyId"],
                     aws_secret_access_key=key["SecretAccessKey"]).get_caller_identity()

    for i in range(n):
        name = f"bench-{i:06d}"
        iam.create_user(UserName=name)
        r = rng.random()
        if r < 0.15:
            violators += 1
            k1 = iam.create_access_key(UserName=name)["AccessKey"]
            k2 = iam.create_access_key(UserName=name)["AccessKey"]
            which = rng.random()
            if which < 1 / 3:
                use(k2)
            elif which < 2 / 3:
                use(k1)
        elif r < 0.70:
            iam.create_access_key(UserName=name)
        elif r < 0.80:
            iam.create_access_key(UserName=name)
            k = iam.create_access_key(UserName=name)["AccessKey"]
            iam.update_access_key(UserName=name, AccessKeyId=k["AccessKeyId"], Status="Inactive")
    print(violators)


if __name__ == "__main__":
    main()
