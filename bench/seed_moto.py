#!/usr/bin/env python3
"""Seeds a moto IAM endpoint with N users for the live-audit benchmark.

Usage: seed_moto.py URL N [SEED] [OFFENDER_FRACTION]   (fraction default 0.15; 0.20 gives 400 of 2,000)

round(N x OFFENDER_FRACTION) users get two active keys (a third of those with the second key used, a third with the
first key used, the rest never used), 55 % one active key, 10 % one active and one inactive key, the rest none.
Every user's second key is created at least a second after its first (as a rotation in real accounts is), in a
second pass, so a credential report's slots can be told apart by creation second. Key use is recorded by moto when
a request is signed with the key, so "used" keys sign one STS call. Prints the number of users with two active keys
(the offenders). Deterministic for a given N, seed and fraction.
"""
import random
import sys
import time

import boto3

def main() -> None:
    url, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    fraction = float(sys.argv[4]) if len(sys.argv) > 4 else 0.15
    session = dict(endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIABENCHSEED0000000",
                   aws_secret_access_key="bench-seed-secret")
    iam = boto3.client("iam", **session)

    def use(key):
        boto3.client("sts", endpoint_url=url, region_name="us-east-1", aws_access_key_id=key["AccessKeyId"],
                     aws_secret_access_key=key["SecretAccessKey"]).get_caller_identity()

    # Exact counts, shuffled: round(N x fraction) offenders (400 of 2,000 at 0.2), then the other shapes.
    counts = [("offender", round(n * fraction)), ("one", round(n * 0.55)), ("inactive", round(n * 0.10))]
    shapes = [shape for shape, count in counts for _ in range(count)][:n]
    shapes += ["none"] * (n - len(shapes))
    rng.shuffle(shapes)
    plan = []  # (name, shape, first key, which key is used)
    for i in range(n):
        name = f"bench-{i:06d}"
        iam.create_user(UserName=name)
        shape = shapes[i]
        first = iam.create_access_key(UserName=name)["AccessKey"] if shape != "none" else None
        plan.append((name, shape, first, rng.random()))

    time.sleep(1.1)
    offenders = 0
    for name, shape, first, which in plan:
        if shape == "offender":
            offenders += 1
            second = iam.create_access_key(UserName=name)["AccessKey"]
            if which < 1 / 3:
                use(second)
            elif which < 2 / 3:
                use(first)
        elif shape == "inactive":
            k = iam.create_access_key(UserName=name)["AccessKey"]
            iam.update_access_key(UserName=name, AccessKeyId=k["AccessKeyId"], Status="Inactive")
    print(offenders)


if __name__ == "__main__":
    main()
