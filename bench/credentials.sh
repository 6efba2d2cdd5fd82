# Sourced by the benchmarks that call the API. The service they start makes its first admin with this password, and
# gallery_token BASE_URL signs in and prints an admin API token, so that every measured request carries the
# credentials a real client's would and pays for their check.
export GALLERY_ADMIN_PASSWORD="${GALLERY_ADMIN_PASSWORD:-bench-admin-password}"

gallery_token() {
  local base="$1" jar
  jar="$(mktemp)"
  curl -sf -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"name\":\"admin\",\"password\":\"$GALLERY_ADMIN_PASSWORD\"}" "$base/api/v2/auth/login" >/dev/null
  curl -sf -b "$jar" -H "Origin: $base" -H 'Content-Type: application/json' \
    -d '{"name":"benchmark","scope":"admin"}' "$base/api/v2/tokens" | sed 's/.*"token":"\([^"]*\)".*/\1/'
  rm -f "$jar"
}
