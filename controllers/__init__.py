from . import approvals, cart, contract, main, orders, team
