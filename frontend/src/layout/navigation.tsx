import {
  AlertOutlined,
  AccountBookOutlined,
  AppstoreOutlined,
  BankOutlined,
  BellOutlined,
  CalendarOutlined,
  CloudServerOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  ExclamationCircleOutlined,
  FieldTimeOutlined,
  FileTextOutlined,
  FundOutlined,
  HomeOutlined,
  IdcardOutlined,
  ProfileOutlined,
  ReconciliationOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TeamOutlined,
  ThunderboltOutlined,
  UnorderedListOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { QUEUE_DASHBOARD_PATH } from '@lcfin/backend/contract';
import type { Role } from '../auth/user';
import type { MessageKey } from '../i18n/messages';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** A page the API serves outside the web app, opened in a new tab. */
  newTab?: boolean;
}

const home: NavItem = {
  path: '/home',
  label: 'nav.home',
  icon: <HomeOutlined />,
};
const notifications: NavItem = {
  path: '/notifications',
  label: 'nav.notifications',
  icon: <BellOutlined />,
};
/** 督办事项: the finance bureau's urges to the staff's institution. */
const urges: NavItem = {
  path: '/urges',
  label: 'nav.urges',
  icon: <ExclamationCircleOutlined />,
};
/** An applicant's menu: the profile is 企业档案 for an enterprise, 个人档案 for an individual. */
const applicant = (profile: MessageKey): NavItem[] => [
  home,
  { path: '/products', label: 'nav.products', icon: <ShopOutlined /> },
  { path: '/my/requests', label: 'nav.myRequests', icon: <FileTextOutlined /> },
  { path: '/my/profile', label: profile, icon: <IdcardOutlined /> },
  notifications,
];

/** 财金协同: the bureau runs its programs and reads the fiscal money's figures; the platform admin only reads. */
const programs: NavItem = { path: '/bureau/programs', label: 'nav.bureauPrograms', icon: <AccountBookOutlined /> };
const fiscalView: NavItem = { path: '/bureau/fiscal', label: 'nav.bureauFiscal', icon: <FundOutlined /> };

/** The Sider menu of each role; an item's path is also its menu key. */
export const navigationByRole: Record<Role, readonly NavItem[]> = {
  enterprise: applicant('nav.enterpriseProfile'),
  individual: applicant('nav.individualProfile'),
  officer: [
    home,
    { path: '/pool', label: 'nav.pool', icon: <ThunderboltOutlined /> },
    {
      path: '/officer/requests',
      label: 'nav.officerRequests',
      icon: <ProfileOutlined />,
    },
    urges,
    notifications,
  ],
  institution_admin: [
    home,
    {
      path: '/institution/products',
      label: 'nav.institutionProducts',
      icon: <AppstoreOutlined />,
    },
    {
      path: '/institution/officers',
      label: 'nav.institutionOfficers',
      icon: <TeamOutlined />,
    },
    {
      path: '/institution/pipeline',
      label: 'nav.institutionPipeline',
      icon: <UnorderedListOutlined />,
    },
    urges,
    notifications,
  ],
  bureau: [
    home,
    {
      path: '/bureau/overview',
      label: 'nav.bureauOverview',
      icon: <DashboardOutlined />,
    },
    {
      path: '/bureau/sla',
      label: 'nav.bureauSla',
      icon: <FieldTimeOutlined />,
    },
    {
      path: '/bureau/breaches',
      label: 'nav.bureauBreaches',
      icon: <AlertOutlined />,
    },
    programs,
    { path: '/bureau/claims', label: 'nav.bureauClaims', icon: <ReconciliationOutlined /> },
    fiscalView,
    {
      path: '/bureau/public-data',
      label: 'nav.publicData',
      icon: <CloudUploadOutlined />,
    },
    notifications,
  ],
  admin: [
    home,
    {
      path: '/admin/institutions',
      label: 'nav.adminInstitutions',
      icon: <BankOutlined />,
    },
    {
      path: '/admin/accounts',
      label: 'nav.adminAccounts',
      icon: <UserSwitchOutlined />,
    },
    {
      path: '/admin/sla-policy',
      label: 'nav.adminSlaPolicy',
      icon: <SafetyCertificateOutlined />,
    },
    {
      path: '/admin/calendar',
      label: 'nav.adminCalendar',
      icon: <CalendarOutlined />,
    },
    {
      path: '/bureau/overview',
      label: 'nav.bureauOverview',
      icon: <DashboardOutlined />,
    },
    programs,
    fiscalView,
    {
      path: QUEUE_DASHBOARD_PATH,
      label: 'nav.adminQueues',
      icon: <CloudServerOutlined />,
      newTab: true,
    },
    notifications,
  ],
};

/** The nav item a location belongs to, e.g. /my/requests/42 → /my/requests. */
export function navItemFor(role: Role, pathname: string): NavItem | undefined {
  return navigationByRole[role].find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
}

/** A link to a nav item: within the web app, or to a page the API serves, in a new tab. */
export function NavItemLink({ item, children }: { item: NavItem; children: ReactNode }) {
  return item.newTab ? (
    <a href={item.path} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ) : (
    <Link to={item.path}>{children}</Link>
  );
}
