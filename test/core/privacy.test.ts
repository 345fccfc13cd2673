import { buildingLabel, homeLabel, maskContactsInText, maskName, maskPhone } from '../../src/core/shared/privacy';

describe('privacy masks', () => {
  it('masks names, phones and rooms as the design says', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧*');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(homeLabel({ building: '3', unit: '2', room: '501' })).toBe('3栋2单元501');
    expect(buildingLabel({ building: '3' })).toBe('3栋');
  });

  it('masks phone and ID numbers typed into public text', () => {
    expect(maskContactsInText('请联系13812341234，身份证110101199001011234')).toBe('请联系138****1234，身份证110101********1234');
    expect(maskContactsInText('3栋501需要帮忙')).toBe('3栋501需要帮忙');
  });
});
