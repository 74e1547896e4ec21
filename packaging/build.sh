#!/usr/bin/env bash
# Builds Wellbeing for Linux from this checkout.
#
#   packaging/build.sh bundle   # build/bundle/wellbeing/: a one-folder PyInstaller bundle
#   packaging/build.sh deb      # dist/wellbeing_<version>_<arch>.deb from that bundle
#   packaging/build.sh all      # both
#
# PYTHON names the interpreter whose environment has the app's dependencies (default: .venv);
# PyInstaller is installed into it when missing. The .deb needs dpkg-deb (Debian or Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
PACKAGE=wellbeing
BUNDLE=build/bundle/$PACKAGE

version() {
    # The one place the version is written (run from the checkout, so the source is imported).
    "$PYTHON" -c 'import wellbeing_app; print(wellbeing_app.__version__)'
}

build_bundle() {
    if ! "$PYTHON" -m PyInstaller --version >/dev/null 2>&1; then
        echo "build: installing PyInstaller into $("$PYTHON" -c 'import sys; print(sys.prefix)')"
        "$PYTHON" -m pip install -q "pyinstaller>=6.10,<7"
    fi
    "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath build/bundle --workpath build/pyinstaller packaging/wellbeing.spec
    if [[ $(uname -s) == Linux ]] && command -v strip >/dev/null; then
        # Debug symbols out, except from libraries that wheels vendor (numpy.libs, pillow.libs):
        # those are laid out by auditwheel/patchelf, and stripping them breaks their loading
        # ("ELF load command address/offset not page-aligned").
        find "$BUNDLE" -type f -name '*.so*' -not -path '*.libs/*' -print0 \
            | xargs -0 strip --strip-unneeded 2>/dev/null || true
    fi
    echo "build: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"
}

# The Debian packages that provide the libraries the bundle links to but does not carry
# (PyInstaller leaves out libc, the GL/EGL drivers, libxcb and Wayland's client libraries: they
# must match the system). Found with ldd, like dpkg-shlibdeps.
system_depends() {
    local libs file
    libs=$(find "$BUNDLE" -type f \( -name '*.so*' -o -perm -u+x \) -print0 | while IFS= read -r -d '' file; do
        LD_LIBRARY_PATH="$BUNDLE/_internal:$BUNDLE/_internal/PySide6/Qt/lib" ldd "$file" 2>/dev/null \
            | awk '$2 == "=>" && $3 ~ /^\// {print $3}'
    done | grep -v "^$(realpath "$BUNDLE")\|^$BUNDLE" | sort -u)
    local lib package packages=()
    for lib in $libs; do
        package=$(dpkg -S "$lib" 2>/dev/null || dpkg -S "/usr$lib" 2>/dev/null || dpkg -S "$(realpath "$lib")" 2>/dev/null || true)
        package=${package%%:*}
        [[ -n $package && $package != *-dev ]] && packages+=("$package")
    done
    printf '%s\n' "${packages[@]}" | sort -u
}

build_deb() {
    [[ -x $BUNDLE/$PACKAGE ]] || build_bundle
    local version arch root deb glibc depends installed_size
    version=$(version)
    arch=$(dpkg --print-architecture)
    root=build/deb/${PACKAGE}_${version}_${arch}
    rm -rf build/deb
    mkdir -p "$root/DEBIAN" dist
    "$PYTHON" packaging/stage.py "$root" --bundle "$BUNDLE" >/dev/null
    glibc=$(dpkg-query -W -f='${Version}' libc6 | cut -d- -f1)
    depends=$(system_depends | sed "s/^libc6\$/libc6 (>= $glibc)/" | paste -sd, - | sed 's/,/, /g')
    # Fonts: the bundled fontconfig reads the system's configuration and fonts.
    depends="$depends, fontconfig-config, fonts-dejavu-core | fonts-liberation2 | fonts-noto-core"
    installed_size=$(du -sk "$root" --exclude=DEBIAN | cut -f1)
    cat >"$root/DEBIAN/control" <<CONTROL
Package: $PACKAGE
Version: $version
Architecture: $arch
Maintainer: The Wellbeing developers <noreply@wellbeing.example>
Installed-Size: $installed_size
Depends: $depends
Recommends: libwayland-egl1, xdg-desktop-portal
Section: utils
Priority: optional
Description: private digital-wellbeing companion
 Wellbeing sits in your tray and notices how much of your day goes to online
 communities (Discord, Slack, Reddit, forums...), counting only the time you
 are at the computer. It keeps a private mood and gratitude journal, suggests
 kind breaks and offline activities, and makes a summary for your therapist.
 Everything stays on this computer: no network connections at all.
CONTROL
    find "$root" -type d -exec chmod 0755 {} +
    deb=dist/${PACKAGE}_${version}_${arch}.deb
    # xz makes the smallest package; CI sets WELLBEING_DEB_COMPRESSION=zstd, many times faster.
    dpkg-deb --root-owner-group -Z"${WELLBEING_DEB_COMPRESSION:-xz}" --build "$root" "$deb" >/dev/null
    echo "build: $deb ($(du -h "$deb" | cut -f1)); Depends: $depends"
}

case ${1:-} in
    bundle) build_bundle ;;
    deb) build_deb ;;
    all) build_bundle && build_deb ;;
    *)
        echo "usage: packaging/build.sh bundle|deb|all" >&2
        exit 2
        ;;
esac
