#!/usr/bin/env bash
# Sign Windows executables in place with the unit's code-signing certificate (Authenticode, SHA-256),
# with osslsigncode on Linux. windows.sh calls it for TuDanhGia.exe and tudanhgia-cli.exe before
# packing them, and makensis for the uninstaller and setup.exe (installer.nsi, -DSIGN=…), when
#
#   SIGN_PKCS12=unit.pfx SIGN_PASSFILE=pass.txt [SIGN_TIMESTAMP_URL=…] [SIGN_CAFILE=ca.pem] make package-windows
#
# The key never enters the repository. Without a time stamp (which needs the authority's network
# service) the signature stops being valid when the certificate expires. Details: docs/packaging.md.
set -euo pipefail
: "${SIGN_PKCS12:?set SIGN_PKCS12 to the certificate file, .pfx or .p12}" "${SIGN_PASSFILE:?set SIGN_PASSFILE to a file holding its password}"
for f in "$@"; do
    if osslsigncode extract-signature -in "$f" -out /dev/null >/dev/null 2>&1; then
        echo "    already signed: $f"  # a second `windows.sh installer` run
        continue
    fi
    args=(sign -pkcs12 "$SIGN_PKCS12" -readpass "$SIGN_PASSFILE" -h sha256 -n "Tự Đánh Giá")
    [ -z "${SIGN_TIMESTAMP_URL:-}" ] || args+=(-ts "$SIGN_TIMESTAMP_URL")
    osslsigncode "${args[@]}" -in "$f" -out "$f.signed" >/dev/null
    mv "$f.signed" "$f"
    # verified against the system's CAs, or SIGN_CAFILE (a test certificate's own)
    osslsigncode verify ${SIGN_CAFILE:+-CAfile "$SIGN_CAFILE"} -in "$f" >/dev/null ||
        { echo "signature of $f does not verify" >&2; exit 1; }
    echo "    signed and verified: $f"
done
