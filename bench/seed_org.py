#!/usr/bin/env python3
"""Seeds a fresh moto with an organization for the org-audit benchmark.

The default account (123456789012, where unknown keys land) is the management account. It creates ACCOUNTS members
through Organizations CreateAccount and, through each member's OrganizationAccountAccessRole, USERS IAM users in
each member with the key mix of seed_moto.py (15 % two active keys, some used). Prints one line per member:
"<account id> <violators>". Deterministic for the same arguments and seed.
Usage: seed_org.py URL ACCOUNTS USERS [SEED]
"""
import random
import sys
import time

import boto3


def main() -> None:
    url, accounts, users = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    hub = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIABENCHSEED0000000",
               aws_secret_access_key="bench-seed-secret")
    org = boto3.client("organizations", **hub)
    org.create_organization(FeatureSet="ALL")
    # The management account has a user too: an account with no IAM user at all is "nothing evaluated" (exit 3).
    mgmt_iam = boto3.client("iam", **hub)
    mgmt_iam.create_user(UserName="bench-management-admin")
    mgmt_iam.create_access_key(UserName="bench-management-admin")
    sts = boto3.client("sts", **hub)
    for a in range(accounts):
        status = org.create_account(Email=f"member{a}@example.com", AccountName=f"bench-member-{a:03d}")["CreateAccountStatus"]
        account = status["AccountId"]
        creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole",
                                RoleSessionName="seed")["Credentials"]
        iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1", aws_access_key_id=creds["AccessKeyId"],
                           aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])

        def use(key):
            boto3.client("sts", endpoint_url=url, region_name="us-east-1", aws_access_key_id=key["AccessKeyId"],
                         aws_secret_access_key=key["SecretAccessKey"]).get_caller_identity()

        # Second keys come at least a second after the first ones, in a second pass (as a rotation does in a real
        # account), so that the credential report's slots can be told apart by their creation second.
        violators = 0
        plan = []
        for i in range(users):
            name = f"bench-{i:06d}"
            iam.create_user(UserName=name)
            r = rng.random()
            if r < 0.15:
                violators += 1
                plan.append((name, "two", iam.create_access_key(UserName=name)["AccessKey"], rng.random()))
            elif r < 0.70:
                iam.create_access_key(UserName=name)
            elif r < 0.80:
                plan.append((name, "inactive", iam.create_access_key(UserName=name)["AccessKey"], 0.0))
        time.sleep(1.1)
        for name, shape, first, which in plan:
            second = iam.create_access_key(UserName=name)["AccessKey"]
            if shape == "inactive":
                iam.update_access_key(UserName=name, AccessKeyId=first["AccessKeyId"], Status="Inactive")
            elif which < 1 / 3:
                use(second)
            elif which < 2 / 3:
                use(first)
        print(account, violators, flush=True)


if __name__ == "__main__":
    main()
