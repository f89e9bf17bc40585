from . import approvals, contract, main, orders, team
