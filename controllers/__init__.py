from . import approvals, cart, contract, email_decisions, lists, main, orders, team
