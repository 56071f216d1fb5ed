package io.syncsecrets.bench;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The same documents as {@code src/bench/gen-target.sh} and {@code src/bench/source.env}, built in memory. */
final class EnvFixtures {
  private EnvFixtures() {}

  private static final String[] HEAD = {
    "FLASK_ENV=production",
    "SECRET_KEY=\"local-flask-secret-do-not-touch\"",
    "LOG_LEVEL=INFO",
    "LOG_FILE=/var/log/es-inventory-hub/app.log",
    "DB_DSN=postgresql://inventory@localhost/es_inventory",
    "DATABASE_URL=postgresql://inventory@localhost/es_inventory",
    "THREATLOCKER_BASE_URL=https://portal.threatlocker.com",
    "NINJA_BASE_URL=https://app.ninjarmm.com",
    "NINJA_CLIENT_ID=ninja-client-id-2025",
    "NINJA_CLIENT_SECRET=\"nS3cr3t-old-2025\"",
    "NINJA_REFRESH_TOKEN=rt-old-token",
    "THREATLOCKER_API_BASE_URL=https://portalapi.g.threatlocker.com",
    "THREATLOCKER_API_KEY=tl-key-old",
    "THREATLOCKER_ORGANIZATION_ID=7d3c2b1a-0000-4000-8000-000000000001",
    "CONNECTWISE_SERVER=https://na.myconnectwise.net",
    "CONNECTWISE_COMPANY_ID=examplemsp",
    "CONNECTWISE_CLIENT_ID=cw-client-id-0001",
    "CONNECTWISE_PUBLIC_KEY=cwPublicKeyExample",
    "CONNECTWISE_OLD_KEY=retired",
  };

  /** A target of {@code lines} lines (at least 19), byte for byte what gen-target.sh writes. */
  static byte[] target(int lines) {
    if (lines < HEAD.length) {
      throw new IllegalArgumentException("a target has at least " + HEAD.length + " lines");
    }
    StringBuilder s = new StringBuilder(lines * 56);
    for (String line : HEAD) {
      s.append(line).append('\n');
    }
    for (int i = HEAD.length + 1; i <= lines; i++) {
      int r = i % 10;
      if (r == 0) {
        s.append('\n');
      } else if (r == 1) {
        s.append("# settings block ").append(i / 10).append(": feature flags and tuning for module ")
            .append(i % 97).append('\n');
      } else if (r == 4) {
        s.append(key(i)).append("=\"quoted value ").append(i).append(" with spaces\"\n");
      } else {
        s.append(key(i)).append("=value-").append(i).append("-abcdefghijklmnopqrstuvwxyz\n");
      }
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String key(int i) {
    String n = Integer.toString(i);
    return "APP_SETTING_" + "0000000".substring(n.length()) + n;
  }

  /** The values of src/bench/source.env: 5 of the target's credentials rotated, 1 new, 2 local-only. */
  static Map<String, String> source() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("NINJA_BASE_URL", "https://app.ninjarmm.com");
    m.put("NINJA_CLIENT_ID", "ninja-client-id-2026-rotated");
    m.put("NINJA_CLIENT_SECRET", "nS3cr3t-new-2026-rotated");
    m.put("NINJA_REFRESH_TOKEN", "rt-new-token-2026");
    m.put("THREATLOCKER_API_BASE_URL", "https://portalapi.g.threatlocker.com");
    m.put("THREATLOCKER_API_KEY", "tl-key-new-2026-rotated");
    m.put("THREATLOCKER_ORGANIZATION_ID", "7d3c2b1a-0000-4000-8000-000000000001");
    m.put("CONNECTWISE_SERVER", "https://na.myconnectwise.net");
    m.put("CONNECTWISE_COMPANY_ID", "examplemsp");
    m.put("CONNECTWISE_CLIENT_ID", "cw-client-id-0002");
    m.put("CONNECTWISE_PUBLIC_KEY", "cwPublicKeyExample");
    m.put("CONNECTWISE_PRIVATE_KEY", "cwPrivateKeyExample2026");
    m.put("SECRET_KEY", "never-copied");
    m.put("DATABASE_URL", "never-copied");
    return Map.copyOf(m);
  }
}
