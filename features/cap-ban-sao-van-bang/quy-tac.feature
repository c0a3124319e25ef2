# language: vi
Tính năng: Cấp bản sao, chỉnh sửa văn bằng — phân quyền theo làn
  Chỉ Lãnh đạo Sở (thủ trưởng cơ quan quản lý sổ gốc) ký bản sao và quyết định chỉnh sửa; công dân chỉ
  làm các việc của chính mình.

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001092000123"
    Và dữ liệu hồ sơ:
      | loai_yeu_cau | ban_sao       |
      | ho_ten       | Trần Thị Bình |
      | so_dinh_danh | 001092000123  |
      | so_ban_sao   | 1             |

  Kịch bản: Chuyên viên không được ký thay Lãnh đạo Sở
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Khảo thí và Quản lý chất lượng" hoàn thành "lập bản sao" với:
      | ket_qua_tham_dinh | dat |
    Và "Phòng Khảo thí và Quản lý chất lượng" thử hoàn thành "bản sao / quyết định chỉnh sửa" với:
      | quyet_dinh | dong_y |
    Thì thao tác bị từ chối vì "Lãnh đạo Sở"
    Và hồ sơ chờ ở "bản sao / quyết định chỉnh sửa" của "Lãnh đạo Sở"

  Kịch bản: Công dân không tự kiểm tra hồ sơ của mình
    Khi công dân nộp hồ sơ
    Và công dân thử hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | day_du |
    Thì thao tác bị từ chối
    Và trạng thái hồ sơ là "Mới đăng ký"
