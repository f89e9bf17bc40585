from . import approvals, contract, main, order_for, orders, substitute, team
