import { homeId, homeSortKey, ownerOfRecord, parseHomesCsv } from '../../src/core/estate/homes';

describe('parseHomesCsv', () => {
  it('reads a good file, in English or Chinese headers, with quotes, BOM and CRLF', () => {
    const en = parseHomesCsv('\uFEFFbuilding,unit,room,area,ownerKey,developerHeld\r\n1,1,101,89.37,,\r\n1,1,102,"126.5",buyer-7,0\r\n"A座",2,1501,72,,是\r\n');
    expect(en.errors).toEqual([]);
    expect(en.rows).toEqual([
      { line: 2, building: '1', unit: '1', room: '101', areaDm2: 8937, ownerKey: null, developerHeld: false },
      { line: 3, building: '1', unit: '1', room: '102', areaDm2: 12650, ownerKey: 'buyer-7', developerHeld: false },
      { line: 4, building: 'A座', unit: '2', room: '1501', areaDm2: 7200, ownerKey: null, developerHeld: true },
    ]);
    const zh = parseHomesCsv('楼栋,单元,房号,面积\n3,1,201,100.05\n');
    expect(zh.rows).toEqual([{ line: 2, building: '3', unit: '1', room: '201', areaDm2: 10005, ownerKey: null, developerHeld: false }]);
  });

  it('reports every bad row by line with a reason, and then returns no rows at all', () => {
    const { rows, errors } = parseHomesCsv(
      ['building,unit,room,area', '1,1,101,89.37', '1,1,102,-5', '1,1,103,abc', '1,1,101,90', '1,1,104,12.345', '1,1', ',1,105,80', '1,1,106,0'].join('\n'),
    );
    expect(rows).toEqual([]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(errors[0].reason).toMatch(/面积“-5”有误/);
    expect(errors[1].reason).toMatch(/面积“abc”有误/);
    expect(errors[2].reason).toBe('与第 2 行重复（同一楼栋、单元、房号）');
    expect(errors[3].reason).toMatch(/最多两位小数/);
    expect(errors[4].reason).toBe('列数不对：应为 4 列，实为 2 列');
    expect(errors[5].reason).toMatch(/楼栋不能为空/);
    expect(errors[6].reason).toMatch(/面积“0”有误/);
  });

  it('reports missing and unknown columns on the header line', () => {
    expect(parseHomesCsv('building,unit,room\n1,1,101\n').errors).toEqual([{ line: 1, reason: '缺少列：area（面积）' }]);
    expect(parseHomesCsv('building,unit,room,area,colour\n1,1,101,80,red\n').errors).toEqual([{ line: 1, reason: '不认识的列：colour' }]);
    expect(parseHomesCsv('').errors[0].line).toBe(1);
  });

  it('rejects a flag it cannot read', () => {
    const { errors } = parseHomesCsv('building,unit,room,area,developerHeld\n1,1,101,80,maybe\n');
    expect(errors).toEqual([{ line: 2, reason: '开发商持有“maybe”有误：应为 是/否 或 1/0' }]);
  });
});

describe('home identity and owners of record', () => {
  it('gives one id per estate, building, unit and room, whatever the script', () => {
    expect(homeId('e1', '1', '1', '101')).toBe(homeId('e1', '1', '1', '101'));
    expect(homeId('e1', '1', '11', '01')).not.toBe(homeId('e1', '11', '1', '01'));
    expect(homeId('e1', 'A座', '1', '101')).toMatch(/^[A-Za-z0-9_.:-]+$/);
    expect(homeId('e2', '1', '1', '101')).not.toBe(homeId('e1', '1', '1', '101'));
  });

  it('counts a buyer’s homes as one owner and the developer’s homes as one', () => {
    expect(ownerOfRecord({ _id: 'h1', ownerKey: 'buyer', developerHeld: false })).toBe('buyer');
    expect(ownerOfRecord({ _id: 'h2', ownerKey: 'buyer', developerHeld: false })).toBe('buyer');
    expect(ownerOfRecord({ _id: 'h3', ownerKey: null, developerHeld: true })).toBe('developer');
    expect(ownerOfRecord({ _id: 'h4', ownerKey: null, developerHeld: false })).toBe('h4');
  });
});

describe('home order', () => {
  it('counts as people do: 2栋 before 10栋, 201 before 1001, letters kept', () => {
    const homes = [['10', '1', '101'], ['2', '1', '1001'], ['2', '1', '201'], ['A座', '1', '101'], ['2', '2', '101']];
    const sorted = [...homes].sort((a, b) => homeSortKey(a[0], a[1], a[2]).localeCompare(homeSortKey(b[0], b[1], b[2])));
    expect(sorted).toEqual([['2', '1', '201'], ['2', '1', '1001'], ['2', '2', '101'], ['10', '1', '101'], ['A座', '1', '101']]);
  });
});
