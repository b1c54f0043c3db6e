package io.vesana.edge.internal;

import io.vesana.secrets.FieldCipher;
import io.vesana.secrets.SecretColumn;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * The stored check credentials a collector's checks use, decrypted. This is the one place a secret
 * leaves the server: only into the configuration of an authenticated collector of the same tenant,
 * which must run SNMP and SSH checks with them.
 */
public final class JdbcCheckCredentials {

  private JdbcCheckCredentials() {}

  public static JsonArrayBuilder decrypted(
      Connection c, long tenant, Set<Long> ids, FieldCipher cipher) throws SQLException {
    JsonArrayBuilder out = Json.createArrayBuilder();
    if (ids.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, kind, username, settings, secret_ciphertext FROM credentials"
                + " WHERE tenant_id = ? AND id = ANY (?) ORDER BY id")) {
      ps.setLong(1, tenant);
      ps.setArray(2, c.createArrayOf("bigint", ids.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JsonObjectBuilder b =
              Json.createObjectBuilder().add("id", rs.getLong(1)).add("kind", rs.getString(2));
          if (rs.getString(3) == null) {
            b.addNull("username");
          } else {
            b.add("username", rs.getString(3));
          }
          try (var r = Json.createReader(new StringReader(rs.getString(4)))) {
            b.add("settings", r.readObject());
          }
          b.add(
              "secret", cipher.decrypt(rs.getBytes(5), SecretColumn.CREDENTIALS_SECRET.context()));
          out.add(b);
        }
      }
    }
    return out;
  }
}
