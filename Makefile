# The README's commands. Everything else is set up on the way (scripts/bootstrap.sh, idempotent).
.PHONY: demo demo-destroy keycloak stop env shell test test-cold package lint generate bench bench-peers

demo:            ## pulumi up of the root program against a local Keycloak (KEEP=1 leaves it running)
	@./scripts/bootstrap.sh
	@.venv/bin/python -m scripts.demo $(if $(KEEP),--keep)

demo-destroy:    ## destroy what the demo made (and its stack)
	@./scripts/bootstrap.sh
	@.venv/bin/python -m scripts.demo --destroy $(if $(KEEP),--keep)

keycloak:        ## start a local Keycloak in the background; prints its URL and admin login
	@./scripts/bootstrap.sh
	@.venv/bin/python -m scripts.local_keycloak start

stop:            ## stop that Keycloak
	@.venv/bin/python -m scripts.local_keycloak stop

env:             ## write .state/pulumi.env: `pulumi` on PATH, local backend, passphrase
	@./scripts/bootstrap.sh
	@.venv/bin/python -m scripts.pulumi_env env

shell:           ## a shell with the same settings
	@./scripts/bootstrap.sh
	@.venv/bin/python -m scripts.pulumi_env shell

test:
	./scripts/bootstrap.sh
	.venv/bin/python -m scripts.run_tests

# The README's commands as a new machine runs them: a fresh clone, every cache empty (see the script).
# TEST_COLD_ARGS=--pair also runs `make demo` in a second fresh clone at the same moment.
test-cold:
	./scripts/cold_run.sh $(TEST_COLD_ARGS)

# A wheel and an sdist in dist/, checked as a package index would check them (twine check --strict).
package:
	@./scripts/bootstrap.sh
	@.venv/bin/python -m scripts.package

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
