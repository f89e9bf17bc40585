from . import approvals, cart, contract, email_decisions, main, orders, team
