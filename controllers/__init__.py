from . import approvals, contract, main, orders, substitute, team
