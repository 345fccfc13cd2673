import { Text, View } from '@tarojs/components';
import type { RoleView } from '../core/auth/api';
import { ROLE_LABELS } from '../core/auth/types';
import './RoleList.css';

/** A role as words: 志愿者（党员）, 业委会（主任）. */
export function roleLabel(r: RoleView): string {
  const base = ROLE_LABELS[r.role] ?? r.role;
  const notes = [r.partyMember ? '党员' : '', r.chair ? '主任' : ''].filter(Boolean);
  return notes.length ? `${base}（${notes.join('、')}）` : base;
}

/** The roles someone holds in one estate (the current one), or everywhere when none is set. */
export default function RoleList({ roles, estateId }: { roles: RoleView[]; estateId?: string | null }) {
  const shown = estateId ? roles.filter((r) => r.estateId === estateId) : roles;
  const labels = Array.from(new Set(shown.map(roleLabel)));
  if (labels.length === 0) {
    return <Text className='linli-text-2'>您还没有绑定房屋或身份。</Text>;
  }
  return (
    <View className='linli-roles'>
      <Text className='linli-text-2'>您的身份：</Text>
      <View className='linli-roles-list'>
        {labels.map((l) => (
          <Text key={l} className='linli-role'>
            {l}
          </Text>
        ))}
      </View>
    </View>
  );
}
