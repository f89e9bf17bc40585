# The commands of README.rst. Each one is a script in scripts/.
.PHONY: setup test run lint format i18n readme

setup:
	@bash scripts/setup.sh

test:
	@bash scripts/test.sh

run:
	@bash scripts/run.sh

lint:
	@bash scripts/lint.sh

format:
	@.venv/bin/python -m ruff format .
	@.venv/bin/python -m ruff check --fix .

i18n:
	@bash scripts/i18n.sh

readme:
	@python3 scripts/readme.py
