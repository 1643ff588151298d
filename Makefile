# ukern: the two commands of the README, and the pieces behind them.
#   make        build everything into build/
#   make test   install missing Debian packages, build, run every test
#               (plain, AddressSanitizer+UBSan, ThreadSanitizer)
#   make demo   a kernel with the modules at work, programs calling it
#   make bench  the benchmarks, side by side with their baselines
BUILD ?= build

.PHONY: all deps test demo bench clean

all: deps
	@scripts/build.sh $(BUILD)

deps:
	@scripts/install-deps.sh

test: deps
	@scripts/test.sh

demo: all
	@scripts/demo.sh $(BUILD)

bench: all
	@scripts/bench.sh $(BUILD)

clean:
	rm -rf build build-asan build-tsan
