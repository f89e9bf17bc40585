from . import (
    approvals,
    cart,
    checkout_delivery,
    contract,
    email_decisions,
    lists,
    main,
    order_for,
    orders,
    substitute,
    team,
    team_addresses,
)
