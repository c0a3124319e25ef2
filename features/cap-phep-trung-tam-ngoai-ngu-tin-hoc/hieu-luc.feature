# language: vi
Tính năng: Trung tâm ngoại ngữ, tin học — quy định áp dụng theo ngày tiếp nhận hồ sơ
  Từ 20/11/2024 Nghị định 125/2024/NĐ-CP thay Nghị định 46/2017 và 135/2018 (DOMAIN.md §3.3 [E12]); từ
  01/7/2025 Nghị định 118/2025/NĐ-CP thay Nghị định 61/2018 về cơ chế một cửa [S12]. Hồ sơ áp dụng quy định
  có hiệu lực vào ngày tiếp nhận (procedure.toml `[[rules]]` và quy định chung của hệ thống).

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001085000777"
    Và dữ liệu hồ sơ:
      | ten_trung_tam           | Trung tâm Tin học Sao Mai |
      | loai_trung_tam          | tin_hoc                   |
      | dia_chi                 | 5 Trần Phú, Hải Phòng     |
      | to_chuc_ca_nhan_de_nghi | Bà Nguyễn Thị Hoa         |
      | ho_ten_giam_doc         | Nguyễn Thị Hoa            |
      | so_dinh_danh_giam_doc   | 001182001111              |

  Kịch bản: Nhận trước ngày Nghị định 125/2024 có hiệu lực: không áp dụng Nghị định 125/2024
    Cho bây giờ là thứ Ba 19/11/2024 lúc 09:00
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hồ sơ áp dụng "Nghị định 61/2018/NĐ-CP"
    Và hồ sơ không áp dụng "Nghị định 125/2024"

  Kịch bản: Nhận từ ngày Nghị định 125/2024 có hiệu lực, trước Nghị định 118/2025
    Cho bây giờ là thứ Tư 20/11/2024 lúc 09:00
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hồ sơ áp dụng "Nghị định 125/2024/NĐ-CP"
    Và hồ sơ áp dụng "Nghị định 61/2018/NĐ-CP"
    Khi bây giờ là thứ Tư 02/07/2025 lúc 09:00
    Thì hồ sơ vẫn áp dụng "Nghị định 61/2018/NĐ-CP"
