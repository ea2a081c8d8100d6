# The two commands in the README. Both run scripts/setup.sh first (idempotent).
EXAMPLES = examples/dylanshire.pwy examples/kentigernshire.pwy examples/mabinogion.pwy

.PHONY: setup run test

setup:
	@bash scripts/setup.sh

run: setup
	.venv/bin/pwy check --strict $(EXAMPLES)
	.venv/bin/pwy build $(EXAMPLES) -o out

test: setup
	@bash scripts/test.sh
