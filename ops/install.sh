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
# The JVM the unit runs; the class-data archive is only valid for the JVM build that made it.
readonly UNIT_JAVA=/usr/bin/java
readonly ARCHIVE=$APP_DIR/sync-secrets.jsa
readonly JVM_FLAGS=(-XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xlog:cds=off -Xlog:cds+dynamic=off)

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
  $ARCHIVE (class-data archive for faster start-up; live root only, made with $UNIT_JAVA)
  $UNIT_DIR/sync-secrets.service, sync-secrets-check.service, sync-secrets.timer,
    sync-secrets-failure@.service
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

# mode_of PATH: PATH's permission bits (with set-id and sticky), as a number.
mode_of() {
  echo $((8#$(stat -L -c %a "$1")))
}

# check_parents: refuses to install when someone other than root (or, for an unprivileged staging
# install, the installing user) could replace $APP_DIR: whoever can write to one of its parents
# can rename it away and put their own directory, jar or notify script (run as root by the failure
# unit) in its place. Checks each existing parent under the root, up to and including the root.
check_parents() {
  local dir=$prefix$APP_DIR mode uid allowed=0
  [[ $EUID -eq 0 ]] || allowed=$EUID
  while [[ $dir != "$root" && $dir != / ]]; do
    dir=$(dirname "$dir")
    [[ -e $dir ]] || continue
    mode=$(mode_of "$dir")
    uid=$(stat -L -c %u "$dir")
    if ((mode & 8#022 && !(mode & 8#1000))); then
      die "$dir: writable by its group or others (mode $(stat -L -c %a "$dir")), so they could replace $APP_DIR; fix it first (chmod go-w $dir) and run again"
    fi
    if [[ $uid -ne 0 && $uid -ne $allowed ]]; then
      die "$dir: owned by $(stat -L -c '%U (uid %u)' "$dir"), not root, who could replace $APP_DIR; fix it first (chown root:root $dir) and run again"
    fi
  done
}

# own_app_dir: the installer owns $APP_DIR: root:root 0755 whatever it was before, since the
# failure unit runs its notify script as root and operators run its jar as root.
own_app_dir() {
  local dir=$prefix$APP_DIR before after
  [[ -L $dir ]] && die "$dir: is a symbolic link; remove it (and check who made it) and run again"
  ensure_dir "$APP_DIR" 0755
  before=$(stat -c '%U:%G (%u:%g) mode %a' "$dir")
  [[ $EUID -eq 0 ]] && chown root:root "$dir"
  chmod u=rwx,go=rx,ug-s,-t "$dir"
  after=$(stat -c '%U:%G (%u:%g) mode %a' "$dir")
  if [[ $before != "$after" ]]; then
    printf 'fixed     %s (was %s, now %s)\n' "$APP_DIR" "$before" "$after"
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

# make_archive: writes the AppCDS archive (the classes a real sync loads, in the JVM's shared-
# class format) that the unit and the wrapper pass with -XX:SharedArchiveFile. It records the jar's
# path, size and mtime and the JVM build, so it is made from the installed jar with $UNIT_JAVA,
# again whenever the jar was replaced, the archive is missing or the JVM is newer. A stale or
# missing archive is harmless: with -Xlog:cds=off the JVM silently runs without it. The run syncs
# a throw-away copy of the example files (never the real source) and takes the path the service's
# runs take: without a config file a plain command line is parsed without picocli, so picocli stays
# out of the archive; with /etc/sync-secrets/sync-secrets.properties present it runs through picocli
# with an empty config standing in (its hooks never run here).
make_archive() {
  local jar_changed=$1 dest=$prefix$ARCHIVE
  if [[ ! -x $UNIT_JAVA ]]; then
    printf 'skipped   %s (no %s)\n' "$ARCHIVE" "$UNIT_JAVA"
    return 0
  fi
  if [[ $jar_changed == false && -f $dest && ! $(readlink -f "$UNIT_JAVA") -nt $dest ]]; then
    printf 'unchanged %s\n' "$ARCHIVE"
    return 0
  fi
  local examples=$repo/docs/examples work tmp
  if [[ ! -f $examples/app.env || ! -f $examples/api-secrets.env ]]; then
    printf 'skipped   %s (no %s to run it on)\n' "$ARCHIVE" "$examples"
    return 0
  fi
  work=$(mktemp -d)
  tmp=$(mktemp "$(dirname "$dest")/.${dest##*/}.XXXXXX")
  install -m 0600 "$examples/app.env" "$work/.env"
  install -m 0600 "$examples/api-secrets.env" "$work/source.env"
  local config=()
  if [[ -e /etc/sync-secrets/sync-secrets.properties ]]; then
    : >"$work/none.properties"
    config=(--config "$work/none.properties")
  fi
  rm -f "$tmp"
  if "$UNIT_JAVA" "${JVM_FLAGS[@]}" -XX:ArchiveClassesAtExit="$tmp" -jar "$prefix$APP_DIR/sync-secrets.jar" \
    "${config[@]}" --source "$work/source.env" --target "$work/.env" \
    --backup-dir "$work/backups" -q >"$work/output" 2>&1 && [[ -s $tmp ]]; then
    chmod 0644 "$tmp"
    [[ $EUID -eq 0 ]] && chown root:root "$tmp"
    mv -f "$tmp" "$dest"
    printf 'installed %s\n' "$ARCHIVE"
    changed=$((changed + 1))
  else
    rm -f "$tmp"
    printf 'skipped   %s (the jar did not run: %s)\n' "$ARCHIVE" "$(head -c 200 "$work/output" | head -n 1)"
  fi
  rm -rf "$work"
}

# Optional artefacts are generated next to the jar by a later build step; absent is fine.
put_if_built() {
  if [[ -f $1 ]]; then
    put "$@"
  fi
}

check_parents
ensure_dir /opt 0755
own_app_dir
ensure_dir /etc 0755
ensure_dir /etc/systemd 0755
ensure_dir "$UNIT_DIR" 0755
ensure_dir "$SUDOERS_DIR" 0750
ensure_dir /usr 0755
ensure_dir /usr/local 0755
ensure_dir "$BIN_DIR" 0755

before=$changed
put "$jar" "$APP_DIR/sync-secrets.jar" 0644
jar_changed=false
((changed > before)) && jar_changed=true
put "$here/sync-secrets-notify.sh" "$APP_DIR/sync-secrets-notify.sh" 0755
put "$here/systemd/sync-secrets.service" "$UNIT_DIR/sync-secrets.service" 0644
put "$here/systemd/sync-secrets-check.service" "$UNIT_DIR/sync-secrets-check.service" 0644
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
  # The top page and one per subcommand (sync-secrets-restore.1, ...), as the build makes them.
  for page in "$built"/sync-secrets.1 "$built"/sync-secrets-*.1; do
    [[ -f $page ]] || continue
    put_if_built "$page" "$MAN_DIR/${page##*/}" 0644
  done
fi
if [[ -f $built/sync-secrets-completion.bash ]]; then
  ensure_dir /usr/local/share 0755
  ensure_dir /usr/local/share/bash-completion 0755
  ensure_dir "$COMPLETION_DIR" 0755
  put_if_built "$built/sync-secrets-completion.bash" "$COMPLETION_DIR/sync-secrets" 0644
fi

if $live; then
  make_archive "$jar_changed"
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
  # The archive names the jar at its final path, so it cannot be made under another root.
  printf '  (optional, faster start-up) run %s there once to make %s\n' "$prog" "$ARCHIVE"
fi
for step in "${steps[@]}"; do
  printf '  %s\n' "$step"
done
