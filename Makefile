# The commands of README.rst. Each one is a script in scripts/.
.PHONY: setup test test-fast test-odoo test-clean run lint format i18n readme screenshots wheel a11y upgrade-check load-test bench-scale two-servers

setup:
	@bash scripts/setup.sh

# ARGS go to pytest: make test ARGS="-k routing", make test ARGS=tests/test_routing.py
test:
	@bash scripts/test.sh $(ARGS)

# The inner loop: no browser tours, no threaded tests.
test-fast:
	@FAST=1 bash scripts/test.sh $(ARGS)

# The whole suite under Odoo's own test runner (odoo-bin --test-enable) on a fresh
# install, as OCA's CI runs it; TEST_TAGS=<Odoo test tags> for a part.
test-odoo:
	@bash scripts/test_odoo.sh

# Drops this machine's template databases of `make test`.
test-clean:
	@.venv/bin/python scripts/test_db.py drop --conf .odoo/odoo.conf

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
	@.venv/bin/python scripts/readme.py

wheel:
	@bash scripts/wheel.sh

# Upgrades the previous version's database with a large customer (UPGRADE_ORDERS=100000
# orders, UPGRADE_PEOPLE=5000 people; UPGRADE_ORDERS=0: demo data only) and times it.
upgrade-check:
	@bash scripts/upgrade_check.sh

screenshots:
	@bash scripts/screenshots.sh

# axe-core's WCAG 2.1 A/AA audit of the addon's pages on a demo, as each role at
# 1280 and 390 px; fails on a critical or serious violation (scripts/a11y.py).
a11y:
	@bash scripts/a11y.sh $(ARGS)

# BUYERS=200 APPROVERS=10: a copy of the demo test database served with 4 workers.
load-test:
	@bash scripts/load_test.sh

# PEOPLE=5000 ORDERS=100000 WAITING=2000: the addon's pages on a large customer
# beside Odoo's own, on a copy of the demo test database.
bench-scale:
	@bash scripts/bench_scale.sh

# Two Odoo servers on one database with a streaming replica for the read-only routes,
# on this machine (root or sudo: a PostgreSQL cluster); CLEAN=1 removes the replica.
two-servers:
	@bash scripts/two_servers.sh $(if $(CLEAN),--clean)
