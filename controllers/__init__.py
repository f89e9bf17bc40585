from . import approvals, cart, contract, lists, main, orders, team
