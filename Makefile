# The two commands in the README. Both run scripts/setup.sh first (idempotent).
.PHONY: setup run test

setup:
	@bash scripts/setup.sh

run: setup
	.venv/bin/pwy check --strict examples/dylanshire.pwy examples/kentigernshire.pwy examples/mabinogion.pwy

test: setup
	@bash scripts/test.sh
