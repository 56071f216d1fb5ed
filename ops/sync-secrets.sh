#!/bin/bash
# sync-secrets: the operator's way to run the credential sync by hand.
#
#   sync-secrets --dry-run [OPTIONS]   preview: reads the root-only source with one narrowly
#   sync-secrets --check   [OPTIONS]   allowed `sudo cat`, pipes it into the tool's `--source -`;
#                                      the JVM runs as you and writes nothing.
#   sync-secrets                       real sync: `sudo systemctl start sync-secrets.service`
#                                      (same sandbox, credential and failure notice as the daily
#                                      timer), then prints that run's journal.
#
# Installed as /usr/local/bin/sync-secrets by ops/install.sh; the sudo rules it needs are in
# /etc/sudoers.d/sync-secrets (group sync-secrets).
set -euo pipefail

readonly SOURCE=/opt/shared-secrets/api-secrets.env
readonly UNIT=sync-secrets.service
readonly GROUP=sync-secrets
readonly JAR=${SYNC_SECRETS_JAR:-/opt/sync-secrets/sync-secrets.jar}
readonly JAVA=${SYNC_SECRETS_JAVA:-java}
# Start-up flags as in sync-secrets.service; the archive is made by ops/install.sh and silently
# ignored when missing or made by another JVM.
readonly JVM_FLAGS=(-XX:TieredStopAtLevel=1 -XX:-UsePerfData
  -XX:SharedArchiveFile=/opt/sync-secrets/sync-secrets.jsa
  -Xlog:cds=off -Xlog:cds+dynamic=off)
prog=${0##*/}

usage() {
  cat <<USAGE
Usage: $prog [--dry-run | --check] [TOOL OPTIONS...]
       $prog            (real sync through $UNIT)

  --dry-run, --check   preview the sync as yourself; the source is read with
                       'sudo cat $SOURCE' and passed on standard input.
                       Any other option of the tool may follow (e.g. -v, --target).
  (no option)          run $UNIT now and show its journal.
  -h, --help           this help, then the tool's own help.

Exit codes: 0 ok, 1 failure, 2 usage error, 3 drift found by --check.
USAGE
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

preview() {
  require_sudo /usr/bin/cat "$SOURCE"
  local rc_cat rc_tool
  set +e
  sudo -n /usr/bin/cat "$SOURCE" | "$JAVA" "${JVM_FLAGS[@]}" -jar "$JAR" --source - "$@"
  local -a rcs=("${PIPESTATUS[@]}")
  set -e
  rc_cat=${rcs[0]}
  rc_tool=${rcs[1]}
  if [[ $rc_cat -ne 0 ]]; then
    printf '%s: could not read %s through sudo (exit %s)\n' "$prog" "$SOURCE" "$rc_cat" >&2
    exit 1
  fi
  exit "$rc_tool"
}

real_sync() {
  require_sudo /usr/bin/systemctl start "$UNIT"
  local rc_start=0 invocation status
  printf 'Starting %s ...\n' "$UNIT"
  sudo -n /usr/bin/systemctl start "$UNIT" || rc_start=$?
  invocation=$(systemctl show --property=InvocationID --value "$UNIT" 2>/dev/null || true)
  if [[ $invocation =~ ^[0-9a-f]{32}$ ]]; then
    sudo -n /usr/bin/journalctl --no-pager --output=short-iso "_SYSTEMD_INVOCATION_ID=$invocation" ||
      printf "%s: could not show the journal; try 'journalctl -u %s'\n" "$prog" "$UNIT" >&2
  else
    printf "%s: no invocation id for %s; see 'journalctl -u %s'\n" "$prog" "$UNIT" "$UNIT" >&2
  fi
  if [[ $rc_start -eq 0 ]]; then
    exit 0
  fi
  # Keep the tool's own exit code (1 failure, 2 usage) when the unit recorded one.
  status=$(systemctl show --property=ExecMainStatus --value "$UNIT" 2>/dev/null || true)
  if [[ ! $status =~ ^[1-9][0-9]*$ ]]; then
    status=1
  fi
  printf '%s: %s failed (exit %s); the failure notice has been sent.\n' "$prog" "$UNIT" "$status" >&2
  exit "$status"
}

main() {
  local preview_mode=false arg
  for arg in "$@"; do
    case $arg in
      -h | --help)
        usage
        if [[ -r $JAR ]]; then
          printf '\nTool options:\n'
          run_tool --help
        fi
        exit 0
        ;;
      --version) run_tool --version ;;
      --dry-run | --check) preview_mode=true ;;
      --source | --source=*)
        usage_error "--source is not accepted: the wrapper always reads $SOURCE (run 'java -jar $JAR --source FILE' for another file)"
        ;;
      --) break ;;
    esac
  done
  if $preview_mode; then
    preview "$@"
  fi
  if [[ $# -gt 0 ]]; then
    usage_error "a real sync runs $UNIT with its fixed options, so '$1' cannot be passed; use it with --dry-run or --check"
  fi
  real_sync
}

main "$@"
