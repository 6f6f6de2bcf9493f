#!/usr/bin/env bash
# Prepares the real-server test tier: builds llama.cpp's llama-server from the source that the npm package
# node-llama-cpp ships (a git bundle) and writes a small random-weight llama model with our own generator.
# Everything is cached outside the repo, keyed by the llama.cpp commit, so a warm machine is ready in seconds.
#
#   eval "$(bash src/test/llama/prepare.sh)"
#
# Progress goes to stderr; stdout carries only the `export` lines the test tier reads
# (BENCHY_LLAMA_SERVER, BENCHY_LLAMA_MODEL, BENCHY_LLAMA_LIBS).
set -euo pipefail

readonly PACKAGE="node-llama-cpp@3.21.1"   # ships llama.cpp 80fb11a as llama/gitRelease.bundle
readonly HERE="$(cd "$(dirname "$0")" && pwd)"
readonly CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/benchy/llama"
readonly JOBS="${BENCHY_LLAMA_JOBS:-2}"

log() { echo "[llama] $*" >&2; }

# Installs the Debian packages a step needs, only when something is missing (a warm machine skips apt).
need_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# The package's tarball, fetched once per version; its llama.cpp commit is the cache key of everything else.
source_bundle() {
  local dir="$CACHE/npm/${PACKAGE#*@}"
  if [ ! -f "$dir/gitRelease.bundle" ]; then
    log "fetching $PACKAGE"
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$PACKAGE" >/dev/null)
    tar -xzf "$dir"/node-llama-cpp-*.tgz -C "$dir" --strip-components=2 package/llama/gitRelease.bundle
  fi
  echo "$dir/gitRelease.bundle"
}

bundle_commit() {
  git bundle list-heads "$1" | awk '$2 == "HEAD" {print $1}'
}

clone_source() {
  local bundle="$1" src="$2"
  [ -f "$src/CMakeLists.txt" ] && return 0
  log "cloning the llama.cpp source from the bundle"
  rm -rf "$src"
  git -c advice.detachedHead=false clone -q "$bundle" "$src" >&2
}

build_server() {
  local src="$1" build="$2"
  [ -x "$build/bin/llama-server" ] && [ -f "$build/.complete" ] && return 0
  log "building llama-server with -j$JOBS (about 6 minutes on 2 cores)"
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release \
    -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DLLAMA_OPENSSL=OFF \
    -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF >&2
  cmake --build "$build" --target llama-server -j"$JOBS" >&2
  touch "$build/.complete"
}

write_model() {
  local src="$1" model="$2"
  [ -f "$model" ] && return 0
  log "writing the random-weight model"
  mkdir -p "$(dirname "$model")"
  # Debian's interpreter: it is the one python3-numpy belongs to (a python3 earlier on PATH may lack numpy).
  PYTHONPATH="$src/gguf-py" /usr/bin/python3 "$HERE/write_model.py" \
    --vocab "$src/models/ggml-vocab-llama-spm.gguf" --out "$model.tmp" >&2
  mv "$model.tmp" "$model"
}

main() {
  # Everything the steps need, in one apt transaction (nothing happens when all of it is installed).
  local packages=(git ca-certificates cmake build-essential python3 python3-numpy python3-yaml)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
  need_packages "${packages[@]}"
  local bundle commit dir
  bundle="$(source_bundle)"
  commit="$(bundle_commit "$bundle")"
  [ -n "$commit" ] || { log "no commit in $bundle"; exit 1; }
  dir="$CACHE/${commit:0:12}"
  clone_source "$bundle" "$dir/src"
  build_server "$dir/src" "$dir/build"
  write_model "$dir/src" "$dir/models/benchy-llama-58m-f16.gguf"
  log "ready: llama.cpp ${commit:0:12} in $dir"
  echo "export BENCHY_LLAMA_SERVER='$dir/build/bin/llama-server'"
  echo "export BENCHY_LLAMA_MODEL='$dir/models/benchy-llama-58m-f16.gguf'"
  echo "export BENCHY_LLAMA_LIBS='$dir/build/bin'"
}

main "$@"
