from . import (
    approvals,
    cart,
    checkout_delivery,
    contract,
    email_decisions,
    lists,
    main,
    orders,
    team,
    team_addresses,
)
