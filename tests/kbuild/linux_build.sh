#!/bin/sh
# linux_build.sh SOURCE_DIR: builds the Linux-style C sources that ukern
# runs (the course directories of tests/kbuild, the examples of
# modules/examples, the C test modules of tests/cmodules, and the built-in
# files) as real Linux modules, with the Kbuild tree of Debian's
# linux-headers-amd64. Building only: loading them into the host is not
# possible here. Each course directory is built through its own Makefile,
# as it is; the built-in files (obj-y, which only a kernel tree can build in)
# are compiled as modules of their own.
set -eu
src=$1
kdir=$(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -V | tail -n 1)
if [ -z "$kdir" ]; then
  echo "linux_build: no /usr/src/linux-headers-*-amd64 (scripts/install-deps.sh installs linux-headers-amd64)" >&2
  exit 1
fi
work=$(mktemp -d /tmp/ukern-linux-build-XXXXXX)
trap 'rm -rf "$work"' EXIT

# Sources that must NOT build (they test ukern's own error reports), and
# the slide's module as printed (functions without return types), which
# Linux rejects (-Werror=implicit-int) as `ukern kbuild` does.
fails_on_purpose="broken unprovided lecture_newsyscall"
# Known differences, to be fixed where they are (each name is printed):
#   c_fault_init: uses seq_puts with only <linux/proc_fs.h>, which on Linux
#     does not include <linux/seq_file.h> (ukern's does);
#   c_proc: the pre-5.6 /proc API (file_operations, PDE_DATA), which the
#     6.1 headers no longer have.
known_linux_rejects=""

subdirs=""
add_dir() {  # add_dir NAME FROM: a course directory, copied as it is
  cp -r "$2" "$work/$1"
  subdirs="$subdirs $1/"
}
for d in "$src"/tests/kbuild/*/ "$src"/modules/examples/*/; do
  name=$(basename "$d")
  case " $fails_on_purpose " in *" $name "*) continue ;; esac
  [ -f "$d/Makefile" ] || [ -f "$d/Kbuild" ] || continue
  grep -q 'obj-m' "$d/Makefile" "$d/Kbuild" 2>/dev/null || continue
  add_dir "$name" "$d"
done
# Single-file C modules and built-in files: one directory each, obj-m.
single() {  # single DIRNAME FILE.c
  mkdir -p "$work/$1"
  cp "$2" "$work/$1/"
  echo "obj-m := $(basename "$2" .c).o" > "$work/$1/Makefile"
  subdirs="$subdirs $1/"
}
# (*_pre56.c: /proc through struct file_operations, refused by Linux 5.6 and later.)
for f in "$src"/tests/cmodules/*.c; do
  [ -f "$f" ] || continue
  name=$(basename "$f" .c)
  case "$name" in *_pre56) continue ;; esac
  case " $known_linux_rejects " in *" $name "*) echo "linux_build: KNOWN DIFFERENCE, not built: $name" >&2; continue ;; esac
  single "cmodule_$name" "$f"
done
echo "obj-m += $subdirs" > "$work/Kbuild"

# Built-in files: compiled (not linked: they are no modules) as Kbuild
# compiles an object, in a directory of their own.
builtins=""
for f in $(grep -l -E 'SYSCALL_DEFINE|asmlinkage' "$src"/tests/kbuild/*/*.c "$src"/modules/examples/*/*.c 2>/dev/null); do
  d="$work/builtin/$(basename "$(dirname "$f")")"
  mkdir -p "$d"
  cp "$f" "$d/"
  echo "obj-y := $(basename "$f" .c).o" > "$d/Makefile"
  builtins="$builtins $d:$(basename "$f" .c).o"
done
# The STUB_ pointers the modules link against: exported by the course's
# kernel (its sys_call.c); a Module.symvers stands in for that kernel here.
exports=$(cat $(grep -l -E 'SYSCALL_DEFINE|asmlinkage' "$src"/tests/kbuild/*/*.c "$src"/modules/examples/*/*.c) |
  sed -n 's/.*EXPORT_SYMBOL[A-Z_]*( *\([A-Za-z0-9_]*\) *).*/\1/p')
for s in $( (grep -h -o -E 'STUB_[A-Za-z0-9_]+' -r "$work" --include=*.c; echo "$exports") | sort -u); do
  printf '0x00000000\t%s\tvmlinux\tEXPORT_SYMBOL\t\n' "$s"
done > "$work/stubs.symvers"

echo "linux_build: $kdir:$subdirs"
make -k -C "$kdir" M="$work" KBUILD_EXTRA_SYMBOLS="$work/stubs.symvers" modules
for b in $builtins; do
  echo "linux_build: built-in file ${b#*:}"
  make -C "$kdir" M="${b%%:*}" "${b#*:}"
done
built=$(find "$work" -name '*.ko' | wc -l)
wanted=$(echo $subdirs | wc -w)
echo "linux_build: modules built: $(find "$work" -name '*.ko' | sed "s|$work/||" | tr '\n' ' ')"
if [ "$built" -lt "$wanted" ]; then
  echo "linux_build: only $built modules from $wanted directories" >&2
  exit 1
fi
echo "linux_build: built-in objects compiled: $(find "$work/builtin" -name '*.o' 2>/dev/null | sed "s|$work/||" | tr '\n' ' ')"
