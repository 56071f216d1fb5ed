#!/bin/bash
# sync-secrets: the operator's way to run the credential sync by hand.
#
#   sync-secrets --dry-run   preview: `sudo systemctl restart sync-secrets-check.service`, which runs
#   sync-secrets --check     the tool's --check as rene in the service's sandbox with the same
#                            credential, then prints that run's journal (the masked plan). Exit:
#                            the tool's (--check: 0 in sync, 3 drift, 1 failure; --dry-run: 0, 1).
#   sync-secrets             real sync: `sudo systemctl start sync-secrets.service` (same sandbox,
#                            credential and failure notice as the daily timer), then prints that
#                            run's journal.
#
# Neither reads the source or the target as you: both run as rene through systemd, with fixed
# command lines, so no other option is accepted (values are only for root, with the jar).
#
# Installed as /usr/local/bin/sync-secrets by ops/install.sh; the sudo rules it needs are in
# /etc/sudoers.d/sync-secrets (group sync-secrets).
set -euo pipefail

readonly SOURCE=/opt/shared-secrets/api-secrets.env
readonly UNIT=sync-secrets.service
readonly CHECK_UNIT=sync-secrets-check.service
readonly GROUP=sync-secrets
readonly JAR=${SYNC_SECRETS_JAR:-/opt/sync-secrets/sync-secrets.jar}
readonly JAVA=${SYNC_SECRETS_JAVA:-java}
readonly SHOW_VALUES="sudo java -jar /opt/sync-secrets/sync-secrets.jar --dry-run --show-values"
# Start-up flags as in sync-secrets.service; the archive is made by ops/install.sh and silently
# ignored when missing or made by another JVM.
readonly JVM_FLAGS=(-XX:TieredStopAtLevel=1 -XX:-UsePerfData
  -XX:SharedArchiveFile=/opt/sync-secrets/sync-secrets.jsa
  -Xlog:cds=off -Xlog:cds+dynamic=off)
prog=${0##*/}

usage() {
  cat <<USAGE
Usage: $prog --dry-run | --check
       $prog            (real sync through $UNIT)

  --dry-run            preview: run $CHECK_UNIT (the tool's --check as rene,
                       in the service's sandbox) and show its journal: the plan
                       with masked values. Exit 0 (in sync or changes pending) or 1.
  --check              the same preview; exit 3 when changes are pending.
  (no option)          run $UNIT now and show its journal.
  -h, --help           this help, then the tool's own help.

Both run with fixed options: no other option is accepted. To see values, or to
preview with other options, run the jar as root, e.g.:
  $SHOW_VALUES

Exit codes: 0 ok, 1 failure, 2 usage error, 3 drift found by --check.
USAGE
}

die() {
  printf '%s: %s\n' "$prog" "$1" >&2
  exit 1
}

usage_error() {
  printf '%s: %s\n' "$prog" "$1" >&2
  printf "Try '%s --help' for more information.\n" "$prog" >&2
  exit 2
}

# Exits with an explanation unless sudo would run "$@" without asking for a password.
require_sudo() {
  if sudo -n -l "$@" >/dev/null 2>&1; then
    return 0
  fi
  cat >&2 <<MSG
$prog: sudo refused to run '$*' without a password (user: $(id -un)).
  This wrapper only uses the commands allowed in /etc/sudoers.d/sync-secrets.
  To fix it, either:
    - ask an administrator to add you to the '$GROUP' group
      (sudo usermod -aG $GROUP $(id -un)), then log in again; or
    - if you may use sudo with a password, run 'sudo -v' first and retry.
MSG
  exit 1
}

run_tool() {
  exec "$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" "$@"
}

# start_unit VERB UNIT: runs UNIT through `sudo systemctl VERB UNIT` (start, or restart for the
# preview, which remains active after a run) and prints that run's journal. Sets rc_start (the exit
# of systemctl), invocation (the run's InvocationID, empty unless 32 hex digits) and status
# (the unit's ExecMainStatus, the tool's exit code; may be empty).
start_unit() {
  local verb=$1 unit=$2
  require_sudo /usr/bin/systemctl "$verb" "$unit"
  printf 'Starting %s ...\n' "$unit"
  rc_start=0
  sudo -n /usr/bin/systemctl "$verb" "$unit" || rc_start=$?
  invocation=$(systemctl show --property=InvocationID --value "$unit" 2>/dev/null || true)
  if [[ $invocation =~ ^[0-9a-f]{32}$ ]]; then
    sudo -n /usr/bin/journalctl --no-pager --output=short-iso "_SYSTEMD_INVOCATION_ID=$invocation" ||
      printf "%s: could not show the journal; try 'journalctl -u %s'\n" "$prog" "$unit" >&2
  else
    printf "%s: no invocation id for %s; see 'journalctl -u %s'\n" "$prog" "$unit" "$unit" >&2
    invocation=
  fi
  status=$(systemctl show --property=ExecMainStatus --value "$unit" 2>/dev/null || true)
}

# status_unknown REASON: the preview's result cannot be read, so it is neither "in sync" nor
# "drift": exit 1.
status_unknown() {
  printf "%s: %s: status unknown (%s); counted as a failure, see 'journalctl -u %s'\n" \
    "$prog" "$CHECK_UNIT" "$1" "${CHECK_UNIT%.service}" >&2
  exit 1
}

# preview MODE: --check keeps the tool's 0/3/1; --dry-run reports pending changes as 0. Only a
# status read from this run (its invocation id and a numeric ExecMainStatus) can give 0 or 3.
preview() {
  local mode=$1 rc_start invocation status
  # RemainAfterExit=yes keeps the finished run (its invocation id and ExecMainStatus) until the
  # next one; without it systemd may unload the unit before `systemctl show`. A unit that is still
  # active is not run again by start, hence restart.
  start_unit restart "$CHECK_UNIT"
  # Status read: stop the unit now, so systemd removes its copy of the shared source from
  # /run/credentials instead of keeping it while the finished run remains active.
  sudo -n /usr/bin/systemctl stop "$CHECK_UNIT" >/dev/null 2>&1 ||
    printf "%s: could not stop %s; its credential stays until the next preview\n" "$prog" "$CHECK_UNIT" >&2
  [[ -n $invocation ]] || status_unknown "no invocation id for the run"
  [[ $status =~ ^(0|[1-9][0-9]{0,2})$ && $status -le 255 ]] ||
    status_unknown "exit status '${status}' is not a number from 0 to 255"
  if [[ $rc_start -eq 0 ]]; then
    # SuccessExitStatus=3: the unit succeeded with 0 (in sync) or 3 (changes pending).
    case $status in
      0) exit 0 ;;
      3)
        [[ $mode == --check ]] && exit 3
        exit 0
        ;;
      *) status_unknown "the unit succeeded with exit status $status" ;;
    esac
  fi
  # A failed run that recorded 0 or 3 contradicts itself: never report it as in sync or drift.
  [[ $status -ne 0 && $status -ne 3 ]] ||
    status_unknown "the unit failed but recorded exit status $status"
  # A failed preview sends no notice: its journal is above, and the exit code says it failed.
  printf '%s: the preview failed (%s exit %s); nothing was changed.\n' "$prog" "$CHECK_UNIT" "$status" >&2
  exit "$status"
}

real_sync() {
  local rc_start invocation status
  start_unit start "$UNIT"
  if [[ $rc_start -eq 0 ]]; then
    exit 0
  fi
  # Keep the tool's own exit code (1 failure, 2 usage) when the unit recorded one.
  if [[ ! $status =~ ^[1-9][0-9]*$ ]]; then
    status=1
  fi
  printf '%s: %s failed (exit %s); the failure notice has been sent.\n' "$prog" "$UNIT" "$status" >&2
  exit "$status"
}

main() {
  local mode='' arg
  for arg in "$@"; do
    case $arg in
      -h | --help)
        usage
        # The tool's own options only when it can run; the wrapper's usage alone is still an answer.
        if [[ -r $JAR ]] && command -v "$JAVA" >/dev/null; then
          printf '\nTool options (for the jar, run as root):\n'
          run_tool --help
        fi
        exit 0
        ;;
      --version)
        command -v "$JAVA" >/dev/null ||
          die "cannot show the version: '$JAVA' not found (install Java 17+, or set SYNC_SECRETS_JAVA)"
        [[ -r $JAR ]] || die "cannot show the version: cannot read $JAR"
        run_tool --version
        ;;
      --check) mode=--check ;;
      --dry-run) [[ $mode == --check ]] || mode=--dry-run ;;
    esac
  done
  if [[ -n $mode ]]; then
    for arg in "$@"; do
      case $arg in
        --dry-run | --check) ;;
        --source | --source=*)
          usage_error "--source is not accepted: the wrapper always reads $SOURCE (as root, run 'java -jar $JAR --source FILE' for another file)"
          ;;
        *)
          usage_error "a preview runs $CHECK_UNIT with its fixed options, so '$arg' cannot be passed; to see values (as root): $SHOW_VALUES"
          ;;
      esac
    done
    preview "$mode"
  fi
  if [[ $# -gt 0 ]]; then
    usage_error "a real sync runs $UNIT with its fixed options, so '$1' cannot be passed; preview with --dry-run, or run the jar as root (e.g. $SHOW_VALUES)"
  fi
  real_sync
}

main "$@"
