#!/bin/bash
# Installs sync-secrets: the jar, the systemd units, the operator wrapper, the failure notice
# script and the sudoers drop-in, plus the man page and bash completion when they were built.
#
#   ops/install.sh [--root DIR] [--jar PATH]
#
# Idempotent: a file is rewritten only when its content or mode differs, so a second run
# changes nothing. With --root / (the default) it also creates the operator group and runs the
# systemctl steps; with any other root it prints them.
set -euo pipefail

prog=${0##*/}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")

readonly OPS_GROUP=sync-secrets
readonly APP_DIR=/opt/sync-secrets
readonly UNIT_DIR=/etc/systemd/system
readonly SUDOERS_DIR=/etc/sudoers.d
readonly BIN_DIR=/usr/local/bin
readonly MAN_DIR=/usr/local/share/man/man1
readonly COMPLETION_DIR=/usr/local/share/bash-completion/completions

root=/
jar=$repo/target/sync-secrets.jar
changed=0

usage() {
  cat <<USAGE
Usage: $prog [--root DIR] [--jar PATH]

  --root DIR   install under DIR instead of / (for packaging and tests)
  --jar PATH   the jar to install (default: $repo/target/sync-secrets.jar)
  -h, --help   this help

Installs:
  $APP_DIR/sync-secrets.jar, $APP_DIR/sync-secrets-notify.sh
  $UNIT_DIR/sync-secrets.service, sync-secrets.timer, sync-secrets-failure@.service
  $BIN_DIR/sync-secrets (the operator wrapper)
  $SUDOERS_DIR/sync-secrets (checked with visudo -cf before it is put in place)
  $MAN_DIR/sync-secrets.1 and $COMPLETION_DIR/sync-secrets, when built
USAGE
}

die() {
  printf '%s: %s\n' "$prog" "$1" >&2
  exit "${2:-1}"
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --root)
      [[ $# -ge 2 && -n $2 ]] || die "--root needs a directory" 2
      root=$2
      shift 2
      ;;
    --root=*) root=${1#--root=}; shift ;;
    --jar)
      [[ $# -ge 2 && -n $2 ]] || die "--jar needs a path" 2
      jar=$2
      shift 2
      ;;
    --jar=*) jar=${1#--jar=}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument '$1' (try --help)" 2 ;;
  esac
done

[[ -f $jar ]] || die "$jar: no such jar (build it with 'mvn -B package' or pass --jar PATH)"
[[ -d $root ]] || die "$root: not a directory"
root=$(cd "$root" && pwd)
command -v visudo >/dev/null || die "visudo not found: install the sudo package first"

live=false
[[ $root == / ]] && live=true
prefix=${root%/}

owner_args=()
if [[ $EUID -eq 0 ]]; then
  owner_args=(-o root -g root)
elif $live; then
  die "installing into / needs root: sudo $0 $*"
fi

# ensure_dir PATH MODE: creates PATH (under the root) with MODE when missing; an existing
# directory keeps its owner and mode (/etc/sudoers.d and friends belong to the system).
ensure_dir() {
  local dir=$prefix$1 mode=$2
  if [[ ! -d $dir ]]; then
    install -d -m "$mode" "${owner_args[@]}" "$dir"
    printf 'created   %s\n' "$1"
  fi
}

# put SOURCE DEST MODE [CHECK...]: installs SOURCE as DEST (under the root) with MODE unless it
# is already there with the same bytes, mode and (as root) owner root:root. The new file goes in beside DEST and is
# renamed over it, after CHECK (if any) accepted it with the file name appended.
put() {
  local src=$1 rel=$2 dest=$prefix$2 mode=$3
  shift 3
  local want_owner
  want_owner=$(if [[ $EUID -eq 0 ]]; then echo root:root; else id -un; fi)
  if [[ -f $dest ]] && cmp -s "$src" "$dest" && [[ $(stat -c %a "$dest") == "${mode#0}" ]] &&
    [[ $(stat -c %U:%G "$dest") == "$want_owner" || $EUID -ne 0 ]]; then
    printf 'unchanged %s\n' "$rel"
    return 0
  fi
  local tmp
  tmp=$(mktemp "$(dirname "$dest")/.${dest##*/}.XXXXXX")
  install -m "$mode" "${owner_args[@]}" "$src" "$tmp"
  if [[ $# -gt 0 ]] && ! "$@" "$tmp" >/dev/null; then
    rm -f "$tmp"
    die "$src: rejected by '$*'; nothing installed for $rel"
  fi
  mv -f "$tmp" "$dest"
  printf 'installed %s\n' "$rel"
  changed=$((changed + 1))
}

# Optional artefacts are generated next to the jar by a later build step; absent is fine.
put_if_built() {
  if [[ -f $1 ]]; then
    put "$@"
  fi
}

ensure_dir /opt 0755
ensure_dir "$APP_DIR" 0755
ensure_dir /etc 0755
ensure_dir /etc/systemd 0755
ensure_dir "$UNIT_DIR" 0755
ensure_dir "$SUDOERS_DIR" 0750
ensure_dir /usr 0755
ensure_dir /usr/local 0755
ensure_dir "$BIN_DIR" 0755

put "$jar" "$APP_DIR/sync-secrets.jar" 0644
put "$here/sync-secrets-notify.sh" "$APP_DIR/sync-secrets-notify.sh" 0755
put "$here/systemd/sync-secrets.service" "$UNIT_DIR/sync-secrets.service" 0644
put "$here/systemd/sync-secrets.timer" "$UNIT_DIR/sync-secrets.timer" 0644
put "$here/systemd/sync-secrets-failure@.service" "$UNIT_DIR/sync-secrets-failure@.service" 0644
put "$here/sync-secrets.sh" "$BIN_DIR/sync-secrets" 0755
# A broken drop-in would lock every admin out of sudo: validate before it goes live.
put "$here/sudoers/sync-secrets" "$SUDOERS_DIR/sync-secrets" 0440 visudo -cf

built=$(dirname "$jar")
if [[ -f $built/sync-secrets.1 ]]; then
  ensure_dir /usr/local/share 0755
  ensure_dir /usr/local/share/man 0755
  ensure_dir "$MAN_DIR" 0755
  put_if_built "$built/sync-secrets.1" "$MAN_DIR/sync-secrets.1" 0644
fi
if [[ -f $built/sync-secrets-completion.bash ]]; then
  ensure_dir /usr/local/share 0755
  ensure_dir /usr/local/share/bash-completion 0755
  ensure_dir "$COMPLETION_DIR" 0755
  put_if_built "$built/sync-secrets-completion.bash" "$COMPLETION_DIR/sync-secrets" 0644
fi

printf '%d file(s) changed under %s\n' "$changed" "$root"

steps=(
  "systemctl daemon-reload"
  "systemctl enable --now sync-secrets.timer"
)
if $live; then
  if ! getent group "$OPS_GROUP" >/dev/null; then
    groupadd --system "$OPS_GROUP"
    printf 'created group %s; add operators with: usermod -aG %s USER\n' "$OPS_GROUP" "$OPS_GROUP"
  fi
  getent passwd rene >/dev/null || printf '%s: warning: user rene does not exist; the service runs as rene\n' "$prog" >&2
  [[ -d /opt/es-inventory-hub ]] || printf '%s: warning: /opt/es-inventory-hub is missing; the service cannot start without it\n' "$prog" >&2
  if [[ -d /run/systemd/system ]]; then
    for step in "${steps[@]}"; do
      printf '+ %s\n' "$step"
      read -ra cmd <<<"$step"
      "${cmd[@]}"
    done
    exit 0
  fi
  printf 'systemd is not running here; run these once it is:\n'
else
  printf 'Not the live root; on the target system run:\n'
  printf '  getent group %s || groupadd --system %s\n' "$OPS_GROUP" "$OPS_GROUP"
fi
for step in "${steps[@]}"; do
  printf '  %s\n' "$step"
done
