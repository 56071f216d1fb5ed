#!/usr/bin/env bash
# Writes a realistic .env target of N lines to stdout, for start-up and scale measurements.
#
#   src/bench/gen-target.sh N > FILE
#
# The first 19 lines are always 19 assignments: 11 of the 12 synced credentials (5 stale,
# CONNECTWISE_PRIVATE_KEY absent, so a sync against src/bench/source.env updates 5 and adds 1), the 7
# local-only settings and one unrelated app key; with N = 19 that is the whole file. Larger N adds application
# settings, comment blocks, blank lines and quoted values in a fixed mix, so 50,000 and 500,000
# lines exercise the parser the way a long hand-kept .env does. Output is deterministic.
set -euo pipefail

n=${1:?usage: gen-target.sh LINES}
[[ $n =~ ^[0-9]+$ && $n -ge 19 ]] || { echo "gen-target.sh: LINES must be a number >= 19" >&2; exit 2; }

awk -v n="$n" 'BEGIN {
  print "FLASK_ENV=production"
  print "SECRET_KEY=\"local-flask-secret-do-not-touch\""
  print "LOG_LEVEL=INFO"
  print "LOG_FILE=/var/log/es-inventory-hub/app.log"
  print "DB_DSN=postgresql://inventory@localhost/es_inventory"
  print "DATABASE_URL=postgresql://inventory@localhost/es_inventory"
  print "THREATLOCKER_BASE_URL=https://portal.threatlocker.com"
  print "NINJA_BASE_URL=https://app.ninjarmm.com"
  print "NINJA_CLIENT_ID=ninja-client-id-2025"
  print "NINJA_CLIENT_SECRET=\"nS3cr3t-old-2025\""
  print "NINJA_REFRESH_TOKEN=rt-old-token"
  print "THREATLOCKER_API_BASE_URL=https://portalapi.g.threatlocker.com"
  print "THREATLOCKER_API_KEY=tl-key-old"
  print "THREATLOCKER_ORGANIZATION_ID=7d3c2b1a-0000-4000-8000-000000000001"
  print "CONNECTWISE_SERVER=https://na.myconnectwise.net"
  print "CONNECTWISE_COMPANY_ID=examplemsp"
  print "CONNECTWISE_CLIENT_ID=cw-client-id-0001"
  print "CONNECTWISE_PUBLIC_KEY=cwPublicKeyExample"
  print "CONNECTWISE_OLD_KEY=retired"
  for (i = 20; i <= n; i++) {
    r = i % 10
    if (r == 0)      print ""
    else if (r == 1) printf "# settings block %d: feature flags and tuning for module %d\n", int(i / 10), i % 97
    else if (r == 4) printf "APP_SETTING_%07d=\"quoted value %d with spaces\"\n", i, i
    else             printf "APP_SETTING_%07d=value-%d-abcdefghijklmnopqrstuvwxyz\n", i, i
  }
}'
