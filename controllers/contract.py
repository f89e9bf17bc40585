# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from werkzeug.exceptions import NotFound
from werkzeug.urls import url_encode

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import UserError
from odoo.http import Controller, request, route
from odoo.tools import groupby

CONTRACT_PAGE_SIZE = 60


class ContractAssortment(Controller):
    """/shop/contract: the contract assortment of the logged-in sub-account."""

    def _get_contract_assortment_or_404(self):
        partner = request.env.user.partner_id
        if request.env.user._is_public() or not partner._get_contract_assortment():
            raise NotFound()
        return partner

    @route(
        ["/shop/contract", "/shop/contract/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        sitemap=False,
    )
    def contract_assortment(self, page=1, **kwargs):
        partner = self._get_contract_assortment_or_404()
        website = request.website
        Template = request.env["product.template"]
        domain = partner._get_contract_assortment_shop_domain(website)
        pager = portal_pager(
            url="/shop/contract",
            total=Template.search_count(domain),
            page=page,
            step=CONTRACT_PAGE_SIZE,
        )
        templates = Template.search(
            domain,
            order="categ_id, name, id",
            limit=CONTRACT_PAGE_SIZE,
            offset=pager["offset"],
        )
        groups = [
            (category, Template.concat(*products))
            for category, products in groupby(templates, key=lambda t: t.categ_id)
        ]
        return request.render(
            "website_sale_customer_approval.contract_assortment_page",
            {
                "partner": partner,
                "assortment": partner._get_contract_assortment(),
                "groups": groups,
                "prices": templates._get_sales_prices(website),
                "pager": pager,
                "message": kwargs.get("message"),
                "error": kwargs.get("error"),
            },
        )

    @route(
        "/shop/contract/add",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def contract_assortment_add(self, product_id=None, quantity=1, **kwargs):
        partner = self._get_contract_assortment_or_404()
        order_sudo = request.cart or request.website._create_cart()
        if order_sudo.partner_id != partner:
            raise NotFound()
        try:
            name = order_sudo._cart_add_contract_product(product_id, quantity)
        except UserError as error:
            return request.redirect(
                "/shop/contract?" + url_encode({"error": error.args[0]})
            )
        message = request.env._("%s is in your cart.", name)
        return request.redirect("/shop/contract?" + url_encode({"message": message}))
