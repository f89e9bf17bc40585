from . import approvals, checkout_delivery, contract, main, orders, team, team_addresses
