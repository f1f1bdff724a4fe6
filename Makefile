# The two commands of the README. Everything else is set up on the way.
.PHONY: demo test lint generate bench bench-peers

demo:
	./scripts/bootstrap.sh
	.venv/bin/python -m scripts.demo

test:
	./scripts/bootstrap.sh
	.venv/bin/python -m scripts.run_tests

lint:
	.venv/bin/python -m scripts.lint

generate:
	.venv/bin/python -m scripts.generate

# The performance record (bench/README.md): this project against the engine's floor, interleaved.
# 2,001 objects take about half an hour more: make bench BENCH_OBJECTS=101,401,2001:1
BENCH_OBJECTS ?= 101,401

bench:
	./scripts/bootstrap.sh
	.venv/bin/python -m bench.run --objects $(BENCH_OBJECTS)

bench-peers:
	./scripts/bootstrap.sh
	.venv/bin/python -m bench.run --objects $(BENCH_OBJECTS) --peers
