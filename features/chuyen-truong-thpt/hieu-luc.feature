# language: vi
Tính năng: Chuyển trường THPT — quy định áp dụng theo ngày tiếp nhận hồ sơ
  Từ 01/7/2025 Nghị định 118/2025/NĐ-CP thay Nghị định 61/2018/NĐ-CP về cơ chế một cửa (DOMAIN.md, "Regime
  change" [S12][S13]). Mỗi hồ sơ áp dụng quy định có hiệu lực vào ngày được tiếp nhận và giữ nguyên về sau.

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh       | Trần Thị Bình   |
      | so_dinh_danh_hoc_sinh | 031208005678    |
      | truong_di             | THPT Ngô Quyền  |
      | truong_den            | THPT Thái Phiên |
      | pham_vi               | trong_tinh      |
      | lop                   | 11              |

  Khung kịch bản: Hồ sơ áp dụng quy định có hiệu lực vào ngày tiếp nhận, kể cả sau khi quy định thay đổi
    Cho bây giờ là <ngay_nop>
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hồ sơ áp dụng "<quy_dinh>"
    Khi bây giờ là thứ Tư 02/07/2025 lúc 09:00
    Thì hồ sơ vẫn áp dụng "<quy_dinh>"

    Dữ liệu:
      | ngay_nop                     | quy_dinh                 |
      | thứ Hai 30/06/2025 lúc 16:00 | Nghị định 61/2018/NĐ-CP  |
      | thứ Ba 01/07/2025 lúc 09:00  | Nghị định 118/2025/NĐ-CP |
