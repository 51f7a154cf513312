#!/usr/bin/env bash
# Builds a Java base image from the JDK on this machine, as a docker-archive tarball (the format of
# `docker save`), so that Jib can build provwatch images with neither a registry nor a Docker daemon:
#
#   scripts/make-local-base-image.sh                       # writes target/local-base-image.tar
#   ./mvnw -B -pl app -am package jib:buildTar@ingest -DskipTests \
#       -Djib.from.image=tar://$PWD/target/local-base-image.tar
#
# The image has one layer: a jlink runtime of the JDK at /opt/java/openjdk (the path eclipse-temurin
# uses), the shared libraries it and the JNI libraries provwatch loads (RocksDB, compression codecs)
# need, a minimal /etc and a world-writable /tmp. It has no shell and no package manager.
#
# Environment: JDK (default: the JDK that runs `javac` on PATH), IMAGE_TAG (default provwatch-local-base:<feature version>).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUTPUT="${1:-$ROOT/target/local-base-image.tar}"
JDK="${JDK:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"

fail() { echo "make-local-base-image: $*" >&2; exit 1; }
[ -x "$JDK/bin/jlink" ] || fail "no jlink in $JDK/bin; set JDK to a full JDK (not a JRE)"
[ -d "$JDK/jmods" ] || fail "$JDK has no jmods directory, so jlink cannot assemble a runtime from it"
for tool in ldd sha256sum tar; do command -v "$tool" >/dev/null || fail "$tool is required"; done

case "$(uname -m)" in
  x86_64) ARCH=amd64 ;;
  aarch64) ARCH=arm64 ;;
  *) fail "unsupported machine $(uname -m)" ;;
esac
FEATURE="$("$JDK/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
IMAGE_TAG="${IMAGE_TAG:-provwatch-local-base:$FEATURE}"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
ROOTFS="$WORK/rootfs"
JAVA_HOME_IN_IMAGE=/opt/java/openjdk
mkdir -p "$ROOTFS/opt/java" "$ROOTFS/tmp" "$ROOTFS/etc"
chmod 1777 "$ROOTFS/tmp"

# Every platform module except incubators: what a JRE image offers, with no symlinks into this host's /etc.
MODULES="$(cd "$JDK/jmods" && ls -- *.jmod | sed 's/\.jmod$//' | grep -v '^jdk\.incubator\.' | paste -sd, -)"
"$JDK/bin/jlink" --module-path "$JDK/jmods" --add-modules "$MODULES" \
  --strip-debug --no-header-files --no-man-pages --output "$ROOTFS$JAVA_HOME_IN_IMAGE"

# Shared libraries: those of the runtime's server-side natives (GUI and sound natives are never loaded
# by provwatch), plus the C++ runtime that RocksDB's and Snappy's JNI libraries link against.
libs_of() { ldd "$1" 2>/dev/null | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}'; }
{
  for elf in "$ROOTFS$JAVA_HOME_IN_IMAGE"/bin/* "$ROOTFS$JAVA_HOME_IN_IMAGE"/lib/server/libjvm.so \
             "$ROOTFS$JAVA_HOME_IN_IMAGE"/lib/*.so; do
    case "$(basename "$elf")" in
      libawt_xawt.so|libawt.so|libfontmanager.so|libjavajpeg.so|liblcms.so|libmlib_image.so|libsplashscreen.so|\
      libjsound.so|libjawt.so|libatk-wrapper.so|libj2pcsc.so) continue ;;
    esac
    libs_of "$elf"
  done
  for soname in libstdc++.so.6 libgcc_s.so.1 libpthread.so.0 libdl.so.2 librt.so.1 libm.so.6; do
    ldconfig -p | awk -v n="$soname" '$1 == n && /x86-64|AArch64/ {print $NF; exit}'
  done
} | sort -u > "$WORK/libs"
[ -s "$WORK/libs" ] || fail "found no shared libraries for $JDK"
while read -r lib; do
  [ -e "$lib" ] || fail "missing shared library $lib"
  mkdir -p "$ROOTFS$(dirname "$lib")"
  cp -L "$lib" "$ROOTFS$lib"
done < "$WORK/libs"
grep -q 'ld-linux' "$WORK/libs" || fail "no dynamic loader among the libraries"

printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' > "$ROOTFS/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$ROOTFS/etc/group"
printf 'hosts: files dns\n' > "$ROOTFS/etc/nsswitch.conf"
mkdir -p "$ROOTFS/root"

# One reproducible layer: fixed owner, order and timestamps.
tar --sort=name --mtime='@0' --owner=0 --group=0 --numeric-owner -C "$ROOTFS" -cf "$WORK/layer.tar" \
  $(cd "$ROOTFS" && ls -A)
LAYER_SHA="$(sha256sum "$WORK/layer.tar" | cut -d' ' -f1)"

OUT="$WORK/image"
mkdir -p "$OUT/$LAYER_SHA"
mv "$WORK/layer.tar" "$OUT/$LAYER_SHA/layer.tar"
RUNTIME="$("$ROOTFS$JAVA_HOME_IN_IMAGE/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
cat > "$WORK/config.json" <<EOF
{"architecture":"$ARCH","os":"linux","created":"1970-01-01T00:00:00Z","config":{"Env":["PATH=$JAVA_HOME_IN_IMAGE/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$JAVA_HOME_IN_IMAGE","LANG=C.UTF-8"],"Cmd":["java","-version"]},"rootfs":{"type":"layers","diff_ids":["sha256:$LAYER_SHA"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"scripts/make-local-base-image.sh: jlink runtime $RUNTIME and its shared libraries"}]}
EOF
CONFIG_SHA="$(sha256sum "$WORK/config.json" | cut -d' ' -f1)"
mv "$WORK/config.json" "$OUT/$CONFIG_SHA.json"
printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]\n' "$CONFIG_SHA" "$IMAGE_TAG" "$LAYER_SHA" > "$OUT/manifest.json"

mkdir -p "$(dirname "$OUTPUT")"
tar --sort=name --mtime='@0' --owner=0 --group=0 --numeric-owner -C "$OUT" -cf "$OUTPUT" manifest.json "$CONFIG_SHA.json" "$LAYER_SHA"
echo "make-local-base-image: wrote $OUTPUT ($IMAGE_TAG, java $RUNTIME, $(wc -l < "$WORK/libs") shared libraries, $(du -h "$OUTPUT" | cut -f1))" >&2
echo "make-local-base-image: use it with -Djib.from.image=tar://$OUTPUT" >&2
