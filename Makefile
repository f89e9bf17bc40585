# The commands of README.rst. Each one is a script in scripts/.
.PHONY: setup test run lint format i18n readme screenshots wheel upgrade-check

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

wheel:
	@bash scripts/wheel.sh

upgrade-check:
	@bash scripts/upgrade_check.sh

screenshots:
	@bash scripts/screenshots.sh
