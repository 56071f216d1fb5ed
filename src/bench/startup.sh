#!/usr/bin/env bash
# Whole-process measurements of the built jar against a bare JVM, side by side in one run.
#
#   src/bench/startup.sh [--runs N] [--jar PATH] [--java PATH] [--only small|rss|flags|scale]...
#
# small  median wall time of `java -jar JAR --dry-run` on a 19-variable target vs `java Hello`
# rss    median peak RSS of the same two (GNU time)
# flags  the installed launch path's JVM flags, with and without an AppCDS archive made here
# scale  a real sync (writes, fsyncs, backs up) of a 50,000-line and a 500,000-line target
#
# Uses hyperfine when installed (apt-get install hyperfine), in 5 rounds over all commands, else a
# plain loop that interleaves the commands run by run. Machines are shared and noisy: read the ratios, not the absolute times, and compare
# only figures from the same run. Prints a Markdown table per section.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
runs=20
jar=$repo/target/sync-secrets.jar
java=java
sections=()

while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --jar) jar=$2; shift 2 ;;
    --java) java=$2; shift 2 ;;
    --only) sections+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "startup.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
((${#sections[@]})) || sections=(small rss flags scale)
[[ -f $jar ]] || { echo "startup.sh: $jar missing; build it with 'mvn -B -q package -DskipTests'" >&2; exit 2; }
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar")
javabin=$(readlink -f "$(command -v "$java")")
javac=$(dirname "$javabin")/javac
[[ -x $javac ]] || { echo "startup.sh: no javac beside $javabin (a JDK is needed to compile Hello)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$javac" -d "$work" "$here/Hello.java"
"$here/gen-target.sh" 19 > "$work/small.env"
source_env=$here/source.env
hello=("$java" -cp "$work" Hello)
dry=(-jar "$jar" --source "$source_env" --target "$work/small.env" --dry-run)

echo "# sync-secrets start-up, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$java" -version 2>&1 | head -1)"
echo "# runs per command: $runs; timer: $(command -v hyperfine >/dev/null && echo hyperfine || echo 'shell loop')"

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "nan"; exit} m=(NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2; printf "%.1f\n", m}'; }

# time_cmds NAME=COMMAND... [-- PREPARE]: prints "name median_ms" per command. The commands are
# plain argument lists (no shell) in one string each; PREPARE runs before every timed run.
time_cmds() {
  local names=() cmds=() prepare="" csv="$work/times.csv"
  while (($#)); do
    if [[ $1 == -- ]]; then prepare=$2; break; fi
    names+=("${1%%=*}"); cmds+=("${1#*=}"); shift
  done
  if command -v hyperfine >/dev/null; then
    # hyperfine runs one command's runs back to back; load from other jobs drifts over seconds,
    # so take the runs in 5 rounds over all commands and report the median of the round medians.
    local args=(-N --style none --warmup 2 --runs $(((runs + 4) / 5)) --export-csv "$csv")
    [[ -n $prepare ]] && args+=(--prepare "$prepare")
    for i in "${!cmds[@]}"; do args+=(--command-name "${names[$i]}" "${cmds[$i]}"); done
    : > "$work/rounds"
    for _ in 1 2 3 4 5; do
      hyperfine "${args[@]}" >/dev/null 2>&1
      # command,mean,stddev,median,user,system,min,max (seconds)
      awk -F, 'NR>1 {printf "%s %.1f\n", $1, $4*1000}' "$csv" >> "$work/rounds"
    done
    for i in "${!cmds[@]}"; do
      echo "${names[$i]} $(awk -v n="${names[$i]}" '$1==n {print $2}' "$work/rounds" | median)"
    done
  else
    local r i t0 t1
    for i in "${!cmds[@]}"; do : > "$work/t$i"; done
    for ((r = -3; r < runs; r++)); do           # 3 warm-up rounds, then interleaved rounds
      for i in "${!cmds[@]}"; do
        [[ -n $prepare ]] && bash -c "$prepare"
        t0=$(date +%s%N); ${cmds[$i]} >/dev/null 2>&1 || true; t1=$(date +%s%N)
        ((r >= 0)) && echo $(((t1 - t0) / 1000)) >> "$work/t$i"
      done
    done
    for i in "${!cmds[@]}"; do
      echo "${names[$i]} $(awk '{print $1/1000}' "$work/t$i" | median)"
    done
  fi
}

# table BASE_NAME: reads "name median" lines, prints them with the ratio to BASE_NAME's median.
table() {
  awk -v base="$1" -v unit="$2" '{n[NR]=$1; v[NR]=$2; if ($1==base) b=$2}
    END {print "| command | median " unit " | × " base " |"; print "|---|---:|---:|";
         for (i=1;i<=NR;i++) printf "| %s | %s | %.2f |\n", n[i], v[i], (b>0 ? v[i]/b : 0)}'
}

for section in "${sections[@]}"; do
  case $section in
  small)
    echo; echo "## small: --dry-run on a 19-variable target vs bare JVM (median wall ms)"
    "$java" "${dry[@]}" >/dev/null
    time_cmds "hello=${hello[*]}" "dry-run=$java ${dry[*]}" | table hello ms
    ;;
  rss)
    echo; echo "## rss: peak resident set size (median KiB of $runs runs)"
    [[ -x /usr/bin/time ]] || { echo "(skipped: /usr/bin/time missing; apt-get install time)"; continue; }
    for name in hello dry-run; do
      : > "$work/rss"
      for ((r = 0; r < runs; r++)); do
        if [[ $name == hello ]]; then cmd=("${hello[@]}"); else cmd=("$java" "${dry[@]}"); fi
        /usr/bin/time -f %M -o "$work/rss1" "${cmd[@]}" >/dev/null 2>&1
        cat "$work/rss1" >> "$work/rss"
      done
      echo "$name $(median < "$work/rss")"
    done | table hello KiB
    ;;
  flags)
    echo; echo "## flags: launch-path JVM flags and an AppCDS archive (median wall ms)"
    jsa=$work/sync-secrets.jsa
    # The install-time step: one representative run that writes the archive at exit.
    "$java" -XX:ArchiveClassesAtExit="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off "${dry[@]}" >/dev/null
    c1="-XX:TieredStopAtLevel=1"
    up="-XX:-UsePerfData"
    cds="-XX:SharedArchiveFile=$jsa -Xlog:cds=off"
    time_cmds "hello=${hello[*]}" \
      "default=$java ${dry[*]}" \
      "C1=$java $c1 ${dry[*]}" \
      "C1+noperf=$java $c1 $up ${dry[*]}" \
      "C1+noperf+serialgc=$java $c1 $up -XX:+UseSerialGC ${dry[*]}" \
      "appcds=$java $cds ${dry[*]}" \
      "C1+noperf+appcds=$java $c1 $up $cds ${dry[*]}" \
      "C1+noperf+serialgc+appcds=$java $c1 $up -XX:+UseSerialGC $cds ${dry[*]}" | table hello ms
    ;;
  scale)
    echo; echo "## scale: real sync (write, fsync, backup) of large targets (median wall ms)"
    "$here/gen-target.sh" 19 > "$work/s19.env"
    "$here/gen-target.sh" 50000 > "$work/s50k.env"
    "$here/gen-target.sh" 500000 > "$work/s500k.env"
    for size in 19 50k 500k; do
      mkdir -p "$work/t$size"
      cp "$work/s$size.env" "$work/t$size/.env"
      "$java" -jar "$jar" --source "$source_env" --target "$work/t$size/.env" -q >/dev/null 2>"$work/err" \
        || { cat "$work/err" >&2; echo "startup.sh: sync of the $size target failed" >&2; exit 1; }
    done
    for size in 19 50k 500k; do
      time_cmds "sync-$size=$java -jar $jar --source $source_env --target $work/t$size/.env -q" \
        -- "cp $work/s$size.env $work/t$size/.env"
    done | table sync-50k ms
    ;;
  *) echo "startup.sh: unknown section $section" >&2; exit 2 ;;
  esac
done
