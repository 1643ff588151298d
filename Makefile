# ukern: the two commands of the README, and the pieces behind them.
#   make        build everything into build/
#   make test   install missing Debian packages, build, run every test
#               (plain, AddressSanitizer+UBSan, ThreadSanitizer)
#   make demo   a kernel with the modules at work, programs calling it
#   make bench  the benchmarks, side by side with their baselines
#   make fuzz   the long fuzz run: 10^7 random system calls with hostile
#               arguments, plus the control-protocol and /proc fuzzers
BUILD ?= build

.PHONY: all deps test demo bench fuzz clean

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

fuzz: all
	UKERN_FUZZ_CALLS=10000000 UKERN_FUZZ_SECONDS=0 UKERN_FUZZ_CTL=100000 UKERN_FUZZ_PROC=200000 \
	  $(BUILD)/bin/integration_tests --gtest_filter='Fuzz.*'

clean:
	rm -rf build build-asan build-tsan
