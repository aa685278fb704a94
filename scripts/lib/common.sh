# Shared by scripts/studio.sh and scripts/test.sh (sourced, not run).
# Installs missing Debian packages, then configures and builds build/.

MS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Everything a build with the GUI and the full test suite needs on Debian 12.
MS_PACKAGES=(
  build-essential cmake pkg-config
  qt6-base-dev qt6-svg-dev libqcustomplot-dev
  libeigen3-dev nlohmann-json3-dev zlib1g-dev
  ngspice python3 python3-brian
  xvfb xauth imagemagick gzip
  dataset-fashion-mnist
)

ms_say() { printf '%s\n' "== $*" >&2; }
ms_die() { printf '%s\n' "error: $*" >&2; exit 1; }

# Runs apt-get as root: directly when we are root, through sudo otherwise.
ms_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else ms_die "need root to install packages: run this script as root or with sudo"
  fi
}

# Installs the packages of MS_PACKAGES that are not installed yet; runs
# apt-get update only when something is missing. Never asks questions.
ms_install_missing() {
  local missing=() p
  for p in "${MS_PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      missing+=("$p")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    ms_say "all required Debian packages are installed"
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || ms_die "missing packages (${missing[*]}) and no apt-get: install them by hand"
  ms_say "installing missing packages: ${missing[*]}"
  ms_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q </dev/null
  ms_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
}

# Under `sudo`, builds and runs happen as the user who called sudo, so build/
# stays theirs and the studio opens on their display. As plain root (CI,
# containers) they happen as root.
ms_as_user() {
  if [ "$(id -u)" -eq 0 ] && [ -n "${SUDO_USER:-}" ] && [ "${SUDO_USER}" != "root" ]; then
    local home
    home="$(getent passwd "$SUDO_USER" | cut -d: -f6)"
    sudo -u "$SUDO_USER" env HOME="$home" PATH="$PATH" DISPLAY="${DISPLAY:-}" \
      WAYLAND_DISPLAY="${WAYLAND_DISPLAY:-}" XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/run/user/$(id -u "$SUDO_USER")}" \
      XAUTHORITY="${XAUTHORITY:-$home/.Xauthority}" "$@"
  else
    "$@"
  fi
}

# The studio GUI is built when its sources are present (issue 3's app/studio).
ms_gui_option() {
  if [ -f "$MS_ROOT/app/studio/main.cpp" ]; then echo ON; else echo OFF; fi
}

# ms_configure BUILD_DIR BUILD_TYPE [extra cmake args...]
ms_configure() {
  local dir="$1" type="$2"
  shift 2
  ms_as_user cmake -S "$MS_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DMS_BUILD_GUI="$(ms_gui_option)" "$@"
}

# ms_build BUILD_DIR [targets...]
ms_build() {
  local dir="$1"
  shift
  local args=()
  local t
  for t in "$@"; do args+=(--target "$t"); done
  ms_as_user cmake --build "$dir" -j"$(nproc)" "${args[@]}"
}
