# The two commands in the README. Both run scripts/setup.sh first (idempotent).
EXAMPLES = examples/dylanshire.pwy examples/kentigernshire.pwy examples/mabinogion.pwy

.PHONY: setup run test

setup:
	@bash scripts/setup.sh

run: setup
	.venv/bin/pwy check --strict $(EXAMPLES)
	.venv/bin/pwy build $(EXAMPLES) -o out
	.venv/bin/pwy simulate examples/dylanshire.pwy --cases 500 --seed 1 -o out/dylanshire-records.csv
	.venv/bin/pwy audit examples/dylanshire.pwy out/dylanshire-records.csv --format html -o out/audit
	.venv/bin/pwy audit examples/dylanshire.pwy out/dylanshire-records.csv

test: setup
	@bash scripts/test.sh
