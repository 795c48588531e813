import type { SectorGeometry } from '../../../../shared/territory/territory.schemas.ts';

/**
 * Demo territory for the Moselle (57): the seven police districts
 * (circonscriptions de sécurité publique) and one gendarmerie company.
 *
 * INSEE codes are the real ones (Code officiel géographique). Sector polygons are
 * hand-drawn approximations around the real towns and neighbourhoods (WGS84 [lon, lat],
 * counter-clockwise exterior rings): sectors of one town tile it along shared edges,
 * and no two sectors overlap. « Condé-Northen » deliberately has no sector, so that
 * `samples/sectors-import-example.geojson` can be imported for it.
 */

export interface DemoSector {
  code: string;
  name: string;
  geometry: SectorGeometry;
}

export interface DemoMunicipality {
  inseeCode: string;
  name: string;
  sectors: DemoSector[];
}

export interface DemoDistrict {
  name: string;
  force: 'police' | 'gendarmerie';
  municipalities: DemoMunicipality[];
}

export interface DemoTerritory {
  department: { code: string; name: string };
  districts: DemoDistrict[];
}

export const moselleDemo: DemoTerritory = {
  department: { code: '57', name: 'Moselle' },
  districts: [
    {
      name: 'Metz',
      force: 'police',
      municipalities: [
        {
          inseeCode: '57463',
          name: 'Metz',
          sectors: [
            {
              code: 'METZ-CENTRE-VILLE',
              name: 'Metz – Centre-ville',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.154, 49.123],
                    [6.153, 49.119],
                    [6.156, 49.114],
                    [6.163, 49.113],
                    [6.17, 49.111],
                    [6.176, 49.1098],
                    [6.183, 49.1112],
                    [6.192, 49.11],
                    [6.195, 49.1118],
                    [6.199, 49.114],
                    [6.1985, 49.1215],
                    [6.194, 49.128],
                    [6.186, 49.1292],
                    [6.176, 49.13],
                    [6.162, 49.1285],
                    [6.15, 49.127],
                    [6.154, 49.123],
                  ],
                ],
              },
            },
            {
              code: 'METZ-NORD-PATROTTE',
              name: 'Metz-Nord – Patrotte',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.15, 49.127],
                    [6.162, 49.1285],
                    [6.176, 49.13],
                    [6.186, 49.1292],
                    [6.194, 49.128],
                    [6.1975, 49.1335],
                    [6.201, 49.141],
                    [6.199, 49.15],
                    [6.19, 49.157],
                    [6.176, 49.161],
                    [6.163, 49.158],
                    [6.153, 49.15],
                    [6.147, 49.139],
                    [6.15, 49.127],
                  ],
                ],
              },
            },
            {
              code: 'METZ-BELLECROIX',
              name: 'Bellecroix',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.1985, 49.1215],
                    [6.199, 49.114],
                    [6.208, 49.118],
                    [6.219, 49.117],
                    [6.229, 49.12],
                    [6.23, 49.129],
                    [6.222, 49.137],
                    [6.211, 49.142],
                    [6.201, 49.141],
                    [6.1975, 49.1335],
                    [6.194, 49.128],
                    [6.1985, 49.1215],
                  ],
                ],
              },
            },
            {
              code: 'METZ-BORNY',
              name: 'Borny',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.195, 49.1118],
                    [6.192, 49.11],
                    [6.199, 49.106],
                    [6.202, 49.1],
                    [6.205, 49.09],
                    [6.218, 49.093],
                    [6.23, 49.091],
                    [6.248, 49.096],
                    [6.254, 49.107],
                    [6.245, 49.116],
                    [6.229, 49.12],
                    [6.219, 49.117],
                    [6.208, 49.118],
                    [6.199, 49.114],
                    [6.195, 49.1118],
                  ],
                ],
              },
            },
            {
              code: 'METZ-SABLON',
              name: 'Sablon',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.183, 49.1112],
                    [6.176, 49.1098],
                    [6.17, 49.111],
                    [6.17, 49.104],
                    [6.174, 49.096],
                    [6.172, 49.086],
                    [6.183, 49.084],
                    [6.195, 49.086],
                    [6.205, 49.09],
                    [6.202, 49.1],
                    [6.199, 49.106],
                    [6.192, 49.11],
                    [6.183, 49.1112],
                  ],
                ],
              },
            },
          ],
        },
        {
          inseeCode: '57480',
          name: 'Montigny-lès-Metz',
          sectors: [
            {
              code: 'MONTIGNY-LES-METZ',
              name: 'Montigny-lès-Metz',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.163, 49.113],
                    [6.156, 49.114],
                    [6.149, 49.112],
                    [6.14, 49.107],
                    [6.136, 49.098],
                    [6.145, 49.09],
                    [6.16, 49.087],
                    [6.172, 49.086],
                    [6.174, 49.096],
                    [6.17, 49.104],
                    [6.17, 49.111],
                    [6.163, 49.113],
                  ],
                ],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'Hagondange',
      force: 'police',
      municipalities: [
        {
          inseeCode: '57283',
          name: 'Hagondange',
          sectors: [
            {
              code: 'HAGONDANGE',
              name: 'Hagondange',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.15, 49.2455],
                    [6.162, 49.247],
                    [6.174, 49.245],
                    [6.184, 49.2462],
                    [6.192, 49.244],
                    [6.193, 49.253],
                    [6.187, 49.261],
                    [6.174, 49.265],
                    [6.16, 49.263],
                    [6.15, 49.257],
                    [6.146, 49.251],
                    [6.15, 49.2455],
                  ],
                ],
              },
            },
          ],
        },
        {
          inseeCode: '57663',
          name: 'Talange',
          sectors: [
            {
              code: 'TALANGE',
              name: 'Talange',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.15, 49.235],
                    [6.16, 49.228],
                    [6.174, 49.225],
                    [6.188, 49.228],
                    [6.195, 49.236],
                    [6.192, 49.244],
                    [6.184, 49.2462],
                    [6.174, 49.245],
                    [6.162, 49.247],
                    [6.15, 49.2455],
                    [6.15, 49.235],
                  ],
                ],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'Thionville',
      force: 'police',
      municipalities: [
        {
          inseeCode: '57672',
          name: 'Thionville',
          sectors: [
            {
              code: 'THIONVILLE-CENTRE',
              name: 'Thionville – Centre',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.1535, 49.362],
                    [6.157, 49.353],
                    [6.156, 49.344],
                    [6.167, 49.342],
                    [6.177, 49.343],
                    [6.176, 49.35],
                    [6.18, 49.356],
                    [6.176, 49.365],
                    [6.179, 49.373],
                    [6.166, 49.374],
                    [6.155, 49.37],
                    [6.1535, 49.362],
                  ],
                ],
              },
            },
            {
              code: 'THIONVILLE-COTE-DES-ROSES',
              name: 'Côte des Roses',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.145, 49.371],
                    [6.135, 49.366],
                    [6.129, 49.357],
                    [6.133, 49.348],
                    [6.145, 49.343],
                    [6.156, 49.344],
                    [6.157, 49.353],
                    [6.1535, 49.362],
                    [6.155, 49.37],
                    [6.145, 49.371],
                  ],
                ],
              },
            },
          ],
        },
        {
          inseeCode: '57757',
          name: 'Yutz',
          sectors: [
            {
              code: 'YUTZ',
              name: 'Yutz',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.176, 49.365],
                    [6.18, 49.356],
                    [6.176, 49.35],
                    [6.177, 49.343],
                    [6.188, 49.341],
                    [6.2, 49.342],
                    [6.212, 49.35],
                    [6.215, 49.362],
                    [6.205, 49.372],
                    [6.19, 49.376],
                    [6.179, 49.373],
                    [6.176, 49.365],
                  ],
                ],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'Forbach',
      force: 'police',
      municipalities: [
        {
          inseeCode: '57227',
          name: 'Forbach',
          sectors: [
            {
              code: 'FORBACH-CENTRE',
              name: 'Forbach – Centre',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.896, 49.193],
                    [6.8915, 49.187],
                    [6.892, 49.18],
                    [6.902, 49.176],
                    [6.912, 49.179],
                    [6.916, 49.184],
                    [6.918, 49.19],
                    [6.915, 49.196],
                    [6.903, 49.2],
                    [6.893, 49.199],
                    [6.896, 49.193],
                  ],
                ],
              },
            },
            {
              code: 'FORBACH-BELLEVUE-WIESBERG',
              name: 'Bellevue-Wiesberg',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.883, 49.204],
                    [6.873, 49.2],
                    [6.868, 49.192],
                    [6.872, 49.184],
                    [6.882, 49.18],
                    [6.892, 49.18],
                    [6.8915, 49.187],
                    [6.896, 49.193],
                    [6.893, 49.199],
                    [6.883, 49.204],
                  ],
                ],
              },
            },
          ],
        },
        {
          inseeCode: '57660',
          name: 'Stiring-Wendel',
          sectors: [
            {
              code: 'STIRING-WENDEL',
              name: 'Stiring-Wendel',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.918, 49.19],
                    [6.916, 49.184],
                    [6.926, 49.186],
                    [6.94, 49.19],
                    [6.948, 49.199],
                    [6.945, 49.208],
                    [6.932, 49.211],
                    [6.92, 49.205],
                    [6.915, 49.196],
                    [6.918, 49.19],
                  ],
                ],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'Sarrebourg',
      force: 'police',
      municipalities: [
        {
          inseeCode: '57630',
          name: 'Sarrebourg',
          sectors: [
            {
              code: 'SARREBOURG',
              name: 'Sarrebourg',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [7.034, 48.726],
                    [7.045, 48.72],
                    [7.06, 48.721],
                    [7.073, 48.726],
                    [7.079, 48.735],
                    [7.075, 48.745],
                    [7.063, 48.75],
                    [7.049, 48.749],
                    [7.038, 48.744],
                    [7.031, 48.735],
                    [7.034, 48.726],
                  ],
                ],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'Sarreguemines',
      force: 'police',
      municipalities: [
        {
          inseeCode: '57631',
          name: 'Sarreguemines',
          sectors: [
            {
              code: 'SARREGUEMINES',
              name: 'Sarreguemines',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [7.046, 49.101],
                    [7.052, 49.093],
                    [7.064, 49.091],
                    [7.078, 49.094],
                    [7.09, 49.101],
                    [7.094, 49.111],
                    [7.089, 49.121],
                    [7.077, 49.127],
                    [7.063, 49.128],
                    [7.051, 49.123],
                    [7.044, 49.113],
                    [7.046, 49.101],
                  ],
                ],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'Freyming-Merlebach',
      force: 'police',
      municipalities: [
        {
          inseeCode: '57240',
          name: 'Freyming-Merlebach',
          sectors: [
            {
              code: 'FREYMING-MERLEBACH',
              name: 'Freyming-Merlebach',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.781, 49.139],
                    [6.79, 49.132],
                    [6.804, 49.131],
                    [6.818, 49.134],
                    [6.831, 49.14],
                    [6.838, 49.149],
                    [6.834, 49.159],
                    [6.822, 49.165],
                    [6.807, 49.164],
                    [6.795, 49.159],
                    [6.785, 49.151],
                    [6.781, 49.139],
                  ],
                ],
              },
            },
          ],
        },
      ],
    },
    {
      name: 'Compagnie de gendarmerie de Boulay-Moselle',
      force: 'gendarmerie',
      municipalities: [
        {
          inseeCode: '57097',
          name: 'Boulay-Moselle',
          sectors: [
            {
              code: 'BOULAY-MOSELLE',
              name: 'Boulay-Moselle',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.474, 49.172],
                    [6.481, 49.166],
                    [6.493, 49.164],
                    [6.506, 49.167],
                    [6.516, 49.173],
                    [6.519, 49.183],
                    [6.515, 49.193],
                    [6.505, 49.199],
                    [6.491, 49.2],
                    [6.479, 49.196],
                    [6.471, 49.188],
                    [6.47, 49.18],
                    [6.474, 49.172],
                  ],
                ],
              },
            },
          ],
        },
        {
          inseeCode: '57154',
          name: 'Coume',
          sectors: [
            {
              code: 'COUME',
              name: 'Coume',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.545, 49.192],
                    [6.553, 49.186],
                    [6.566, 49.185],
                    [6.578, 49.189],
                    [6.587, 49.197],
                    [6.589, 49.207],
                    [6.582, 49.215],
                    [6.569, 49.219],
                    [6.556, 49.216],
                    [6.546, 49.209],
                    [6.542, 49.2],
                    [6.545, 49.192],
                  ],
                ],
              },
            },
          ],
        },
        {
          inseeCode: '57471',
          name: 'Momerstroff',
          sectors: [
            {
              code: 'MOMERSTROFF',
              name: 'Momerstroff',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.524, 49.157],
                    [6.531, 49.15],
                    [6.542, 49.149],
                    [6.551, 49.154],
                    [6.555, 49.162],
                    [6.552, 49.171],
                    [6.544, 49.177],
                    [6.533, 49.177],
                    [6.525, 49.171],
                    [6.522, 49.164],
                    [6.524, 49.157],
                  ],
                ],
              },
            },
          ],
        },
        {
          inseeCode: '57312',
          name: 'Helstroff',
          sectors: [
            {
              code: 'HELSTROFF',
              name: 'Helstroff',
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [6.458, 49.147],
                    [6.465, 49.141],
                    [6.476, 49.14],
                    [6.485, 49.145],
                    [6.488, 49.152],
                    [6.485, 49.159],
                    [6.476, 49.162],
                    [6.465, 49.161],
                    [6.457, 49.155],
                    [6.458, 49.147],
                  ],
                ],
              },
            },
          ],
        },
        { inseeCode: '57150', name: 'Condé-Northen', sectors: [] },
      ],
    },
  ],
};
