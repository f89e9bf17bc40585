from . import approvals, cart, contract, main, order_for, orders, substitute, team
