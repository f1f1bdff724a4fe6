# The two commands of the README. Everything else is set up on the way.
.PHONY: demo test lint generate bench

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

bench:
	./scripts/bootstrap.sh
	.venv/bin/python -m bench.api_calls
