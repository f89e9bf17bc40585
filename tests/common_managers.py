# Copyright 2026 The website_sale_customer_approval authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import CustomerApprovalCase


class DepartmentManagerCase(CustomerApprovalCase):
    """Alf (approver, breakpoint 1,000) manages Logistics: Fay (always needs
    the approval of Bea) and Bob (the buyer of the chain), and Ada the customer
    admin, whom he may not manage. Bea manages Sales: Sam. Olga's company has
    its own Logistics department with Otto. The company lets its department
    managers manage approval settings, breakpoints up to their own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write(
            {
                "department_manager_rights": "manage",
                "department_manager_breakpoint_limit": True,
            }
        )
        Department = cls.env["customer.department"]
        cls.manager = cls.approver_1
        cls.logistics = Department.create(
            {
                "name": "Logistics",
                "company_partner_id": cls.customer.id,
                "manager_id": cls.manager.partner_id.id,
            }
        )
        cls.sales = Department.create(
            {
                "name": "Sales",
                "company_partner_id": cls.customer.id,
                "manager_id": cls.approver_2.partner_id.id,
            }
        )
        cls.member = cls.free_buyer
        cls.member.partner_id.write(
            {
                "customer_department_id": cls.logistics.id,
                "approval_mode": "always",
                "next_approver_id": cls.approver_2.partner_id.id,
            }
        )
        cls.buyer.partner_id.customer_department_id = cls.logistics
        cls.admin.partner_id.customer_department_id = cls.logistics
        cls.outsider = cls._create_sub_account(
            "Sam Seller",
            approval_mode="always",
            next_approver_id=cls.approver_2.partner_id.id,
            customer_department_id=cls.sales.id,
        )
        cls.stranger = cls._create_stranger()
        cls.other_department = Department.create(
            {
                "name": "Logistics",
                "company_partner_id": cls.other_customer.id,
                "manager_id": cls.stranger.partner_id.id,
            }
        )
        cls.other_buyer = cls._create_sub_account(
            "Otto Other",
            company=cls.other_customer,
            approval_mode="always",
            next_approver_id=cls.stranger.partner_id.id,
            customer_department_id=cls.other_department.id,
        )
        cls.member_draft = cls._create_order(cls.member, 200)
        cls.member_waiting = cls._create_order(cls.member, 300)
        cls.outsider_waiting = cls._create_order(cls.outsider, 300)
        cls.other_waiting = cls._create_order(cls.other_buyer, 300)
        for order, user in (
            (cls.member_waiting, cls.member),
            (cls.outsider_waiting, cls.outsider),
            (cls.other_waiting, cls.other_buyer),
        ):
            order.with_user(user).action_submit_for_customer_approval()
        # Released at once (below Bob's breakpoint): an order of /my/orders.
        cls.member_released = cls._create_order(cls.buyer, 100)
        cls.member_released.action_confirm()

    @classmethod
    def _form(cls, person, **values):
        """The approval settings of ``person`` (a user) as the manager's form
        gives them to the model, changed by ``values``."""
        partner = person.partner_id
        data = {
            "approval_mode": partner.approval_mode or "none",
            "approval_breakpoint_enabled": partner.approval_breakpoint_enabled,
            "approval_breakpoint": partner.approval_breakpoint,
            "next_approver_id": partner.next_approver_id.id,
            "contract_assortment_only": partner.contract_assortment_only,
            "may_send_free_text_orders": partner.may_send_free_text_orders,
        }
        data.update(values)
        return data
