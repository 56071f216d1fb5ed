#!/bin/bash
# Reports a failed run of a unit (sync-secrets-failure@.service calls it with the unit's name):
# always to the journal, and by mail when a sendmail-compatible mailer is installed.
#
# Environment (set with `systemctl edit sync-secrets-failure@.service`):
#   SYNC_SECRETS_MAILTO  recipient of the mail (default: root)
#   SYNC_SECRETS_LINES   how many journal lines of the failed run to include (default: 40)
set -euo pipefail

if [[ $# -ne 1 || -z $1 ]]; then
  printf 'usage: %s UNIT\n' "${0##*/}" >&2
  exit 2
fi
unit=$1
mailto=${SYNC_SECRETS_MAILTO:-root}
lines=${SYNC_SECRETS_LINES:-40}
[[ $lines =~ ^[0-9]+$ ]] || lines=40
host=$(uname -n)

# The failed unit keeps its invocation id until it is started again, so the tail below is
# that run's journal and not an older run's.
invocation=$(systemctl show --property=InvocationID --value -- "$unit" 2>/dev/null || true)
result=$(systemctl show --property=Result --value -- "$unit" 2>/dev/null || true)
status=$(systemctl show --property=ExecMainStatus --value -- "$unit" 2>/dev/null || true)
if [[ $invocation =~ ^[0-9a-f]{32}$ ]]; then
  selector=("_SYSTEMD_INVOCATION_ID=$invocation")
else
  selector=("--unit=$unit")
fi
journal=$(journalctl --no-pager --quiet --output=short-iso --lines="$lines" "${selector[@]}" 2>&1 || true)

summary="$unit failed on $host (result: ${result:-unknown}, exit status: ${status:-unknown})"

# stdout is the journal stream here: "<3>" makes the summary an error entry, so
# `journalctl -p err` finds it; the copied tail goes in at notice level.
printf '<3>%s\n' "$summary"
printf '<5>last journal lines of %s:\n' "$unit"
while IFS= read -r line; do
  printf '<5>  %s\n' "$line"
done <<<"$journal"

if mailer=$(command -v sendmail); then
  {
    printf 'To: %s\n' "$mailto"
    printf 'Subject: [%s] %s failed\n' "$host" "$unit"
    printf 'Content-Type: text/plain; charset=UTF-8\n'
    printf '\n%s\n\n' "$summary"
    printf 'Last %s journal lines:\n%s\n\n' "$lines" "$journal"
    printf 'Full log: journalctl -u %s\n' "$unit"
  } | "$mailer" -oi -t || printf '<4>could not hand the failure mail for %s to %s\n' "$unit" "$mailer"
else
  printf '<6>no sendmail found; failure reported to the journal only\n'
fi
