#!/usr/bin/env bash
# Drives the local endpoint with the unmodified AWS CLI: put-item, put-events with the sample file (refused to the
# local administrator by the bus policy, as a forged UserCreated is in AWS; accepted from the operator role, whose
# local credentials are in OPERATOR_AWS_*), and test-event-pattern. Usage: aws-cli.sh <endpoint-url>. Exits non-zero
# on the first wrong answer.
set -euo pipefail
endpoint=$1
cd "$(dirname "$0")/../.."
export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=us-east-1 AWS_PAGER=""
aws=${AWS_CLI:-aws}

fail() { echo "aws-cli.sh: $*" >&2; exit 1; }

"$aws" dynamodb put-item --endpoint-url "$endpoint" --table-name users-fanout-dev-users \
  --item '{"userId":{"S":"cli-user"},"email":{"S":"cli-user@example.com"},"givenName":{"S":"Grace"},"createdAt":{"S":"2026-11-28T08:00:00Z"}}'
item=$("$aws" dynamodb get-item --endpoint-url "$endpoint" --table-name users-fanout-dev-users \
  --key '{"userId":{"S":"cli-user"}}' --output json)
grep -q '"Grace"' <<<"$item" || fail "get-item did not return the inserted user: $item"

forged=$("$aws" events put-events --endpoint-url "$endpoint" --entries file://events/samples/user-created.json --output json)
grep -q '"FailedEntryCount": 1' <<<"$forged" || fail "put-events of UserCreated by the administrator was not refused: $forged"
grep -q 'NotAuthorizedForSourceException' <<<"$forged" || fail "the refused UserCreated has the wrong error: $forged"
grep -q 'with an explicit deny in a resource-based policy' <<<"$forged" || fail "the refusal does not name the bus policy: $forged"

put=$(AWS_ACCESS_KEY_ID=$OPERATOR_AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY=$OPERATOR_AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN=$OPERATOR_AWS_SESSION_TOKEN \
  "$aws" events put-events --endpoint-url "$endpoint" --entries file://events/samples/user-created.json --output json)
grep -q '"FailedEntryCount": 0' <<<"$put" || fail "put-events reported failures: $put"
grep -q '"EventId"' <<<"$put" || fail "put-events returned no EventId: $put"

event='{"id":"1","version":"0","source":"users-fanout.users","detail-type":"UserCreated","account":"000000000000","time":"2026-11-28T08:00:00Z","region":"us-east-1","resources":[],"detail":{"data":{"email":"a@example.com"}}}'
match=$("$aws" events test-event-pattern --endpoint-url "$endpoint" --output json \
  --event-pattern '{"source":["users-fanout.users"],"detail":{"data":{"email":[{"suffix":"@example.com"}]}}}' --event "$event")
grep -q '"Result": true' <<<"$match" || fail "test-event-pattern should match: $match"
nomatch=$("$aws" events test-event-pattern --endpoint-url "$endpoint" --output json \
  --event-pattern '{"source":["somebody.else"]}' --event "$event")
grep -q '"Result": false' <<<"$nomatch" || fail "test-event-pattern should not match: $nomatch"
if invalid=$("$aws" events test-event-pattern --endpoint-url "$endpoint" --event-pattern '{"source":"not-an-array"}' --event "$event" 2>&1); then
  fail "an invalid pattern was accepted: $invalid"
fi
grep -q 'InvalidEventPatternException' <<<"$invalid" || fail "an invalid pattern gave the wrong error: $invalid"
echo "aws-cli.sh: all AWS CLI checks passed"
